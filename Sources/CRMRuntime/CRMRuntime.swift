// The schema types (ObjectSchema, PropertySchema, ...) are part of the runtime's API.
@_exported import CRMModel
