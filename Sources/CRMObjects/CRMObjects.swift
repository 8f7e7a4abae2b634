// CRMObjects: Swift types for HubSpot's standard objects (Contact, Company, Deal, Ticket, …)
// and the Roast Batch example, generated at build time by CRMGenPlugin from Definitions/.
//
// Apps depend on this library for the standard types and apply CRMGenPlugin to their own
// target for their custom objects, so adding a custom object never recompiles the standard set.
@_exported import CRMRuntime
