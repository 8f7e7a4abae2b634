"""Parse the notes of HubSpot's association type IDs (section 2, Documentation/HubSpotSources.md) into {from_obj: {"default": {to_obj: id}, "other": [(raw, id)]}}."""
import re

NAME = {
    "company": "companies", "contact": "contacts", "deal": "deals", "ticket": "tickets",
    "call": "calls", "email": "emails", "lead": "leads", "meeting": "meetings", "note": "notes",
    "task": "tasks", "communication": "communications", "postal mail": "postal_mail",
    "invoice": "invoices", "order": "orders", "payment": "commerce_payments", "quote": "quotes",
    "subscription": "subscriptions", "appointment": "appointments", "course": "courses",
    "listing": "listings", "service": "services", "feedback submission": "feedback_submissions",
    "project": "projects", "cart": "carts", "line item": "line_items", "discount": "discounts",
    "fee": "fees", "tax": "taxes", "goal": "goal_targets", "campaign": "campaigns",
    "marketing event": "marketing_events", "conversation": "conversations",
}

def parse(path):
    text = open(path).read()
    sec = text.split("## 2.")[1].split("## 3.")[0]
    out = {}
    for line in sec.splitlines():
        # a line may hold several "X → : ..." tables
        parts = re.split(r"(?:^|\.\s+)([A-Z][a-z]+(?: [a-z]+)?) → :", line)
        if len(parts) < 3:
            continue
        for i in range(1, len(parts), 2):
            src = NAME.get(parts[i].lower())
            body = parts[i + 1]
            if src is None:
                continue  # e.g. "Payment link"
            d = out.setdefault(src, {"default": {}, "other": []})
            for item in body.split(";"):
                item = item.strip().rstrip(".")
                m = re.match(r"^(.*?)\s+(\d+)$", item)
                if not m:
                    continue
                name, num = m.group(1).strip(), int(m.group(2))
                tgt = NAME.get(name.lower())
                if tgt is not None:
                    if tgt in d["default"] and d["default"][tgt] != num:
                        raise SystemExit(f"conflict {src}->{tgt}")
                    d["default"][tgt] = num
                else:
                    d["other"].append((name, num))
    return out

if __name__ == "__main__":
    import json
    f = parse()
    for k, v in f.items():
        print(k, v["default"], v["other"])
