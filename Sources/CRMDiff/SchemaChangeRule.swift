extension SchemaChange {
    /// What kind of change it is, with a stable ID in the style of buf's breaking-change rules.
    ///
    /// A change is breaking when something valid under the old schema — a record, an API call that
    /// names an object, property, option or label, an association — may be invalid under the new one.
    /// Everything else is safe: additions, texts, and settings that do not take away what existed.
    /// IDs never change meaning; new rules only ever get new IDs.
    public enum Rule: String, Hashable, Sendable, CaseIterable {
        // MARK: Breaking

        /// An object is gone (its properties and associations with it).
        case objectRemoved = "OBJECT_REMOVED"
        /// An object's objectTypeId changed from one ID to another: it names another object in the portal.
        case objectTypeIdChanged = "OBJECT_TYPE_ID_CHANGED"
        case propertyRemoved = "PROPERTY_REMOVED"
        case propertyTypeChanged = "PROPERTY_TYPE_CHANGED"
        case propertyFieldTypeChanged = "PROPERTY_FIELD_TYPE_CHANGED"
        /// A property of an object that existed became required, or was added as required: records
        /// without a value for it, valid before, are not.
        case propertyRequired = "PROPERTY_REQUIRED"
        case optionRemoved = "OPTION_REMOVED"
        /// An enumeration whose options the portal defined now lists every valid value
        /// (`optionSource: portal` → `definitions`): a portal's own values, valid before, are not.
        case optionsClosed = "OPTIONS_CLOSED"
        /// The association between two objects that both remain is gone.
        case associationRemoved = "ASSOCIATION_REMOVED"
        /// Either end of an association that allowed many records allows one (many-to-many → one-to-many,
        /// one-to-many → one-to-one, and one-to-many ↔ many-to-one, which narrows one end and widens the other).
        case associationCardinalityNarrowed = "ASSOCIATION_CARDINALITY_NARROWED"
        /// Records of an object that existed must now have the association (`required`/`inverseRequired`).
        case associationRequired = "ASSOCIATION_REQUIRED"
        /// A labeled association type is gone.
        case labelRemoved = "LABEL_REMOVED"

        // MARK: Safe

        case objectAdded = "OBJECT_ADDED"
        /// An objectTypeId was given where there was none (the portal has assigned it).
        case objectTypeIdSet = "OBJECT_TYPE_ID_SET"
        /// An objectTypeId was taken out: the definitions no longer pin the object to an ID, but it is
        /// the same object, addressed by its name again.
        case objectTypeIdCleared = "OBJECT_TYPE_ID_CLEARED"
        /// Singular or plural label, or description.
        case objectTextChanged = "OBJECT_TEXT_CHANGED"
        /// Kind, Swift type name, fullyQualifiedName, category, requirements, display and searchable
        /// properties, owners, dedup keys, property groups.
        case objectSettingChanged = "OBJECT_SETTING_CHANGED"
        case propertyAdded = "PROPERTY_ADDED"
        /// A property is no longer required.
        case propertyOptional = "PROPERTY_OPTIONAL"
        /// Label or description.
        case propertyTextChanged = "PROPERTY_TEXT_CHANGED"
        /// Group, display order, unique, read-only, calculated, formula, hidden, pattern, lengths,
        /// bounds, format, number display hint, referenced object type.
        case propertySettingChanged = "PROPERTY_SETTING_CHANGED"
        case optionAdded = "OPTION_ADDED"
        /// An enumeration now accepts the portal's own values (`optionSource: definitions` → `portal`).
        case optionsOpened = "OPTIONS_OPENED"
        /// An option of an enumeration whose options the portal defines is no longer listed: its
        /// value is still valid (the portal's own), only no longer a known one.
        case optionUnlisted = "OPTION_UNLISTED"
        /// Label or description.
        case optionTextChanged = "OPTION_TEXT_CHANGED"
        /// Display order or hidden.
        case optionSettingChanged = "OPTION_SETTING_CHANGED"
        /// A new association between two objects that both existed.
        case associationAdded = "ASSOCIATION_ADDED"
        /// An end that allowed one record allows many, and no end narrowed.
        case associationCardinalityWidened = "ASSOCIATION_CARDINALITY_WIDENED"
        /// An association is no longer required.
        case associationOptional = "ASSOCIATION_OPTIONAL"
        /// HubSpot's unlabeled association type ID, either direction.
        case associationTypeIdChanged = "ASSOCIATION_TYPE_ID_CHANGED"
        case labelAdded = "LABEL_ADDED"
        /// A label's text, either direction.
        case labelTextChanged = "LABEL_TEXT_CHANGED"
        /// A labeled type's association type ID, either direction.
        case labelTypeIdChanged = "LABEL_TYPE_ID_CHANGED"

        public var severity: Severity {
            switch self {
            case .objectRemoved, .objectTypeIdChanged, .propertyRemoved, .propertyTypeChanged, .propertyFieldTypeChanged,
                 .propertyRequired, .optionRemoved, .optionsClosed, .associationRemoved, .associationCardinalityNarrowed,
                 .associationRequired, .labelRemoved:
                .breaking
            case .objectAdded, .objectTypeIdSet, .objectTypeIdCleared, .objectTextChanged, .objectSettingChanged,
                 .propertyAdded, .propertyOptional, .propertyTextChanged, .propertySettingChanged,
                 .optionAdded, .optionsOpened, .optionUnlisted, .optionTextChanged, .optionSettingChanged,
                 .associationAdded, .associationCardinalityWidened, .associationOptional, .associationTypeIdChanged,
                 .labelAdded, .labelTextChanged, .labelTypeIdChanged:
                .safe
            }
        }
    }
}
