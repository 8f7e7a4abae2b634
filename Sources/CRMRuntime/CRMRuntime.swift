// The schema types (ObjectSchema, PropertySchema, ...) are part of the runtime's API.
@_exported import CRMModel

@_spi(Generated) extension CRMNumber {
    /// A number whose text crmgen has already checked (bounds in generated code).
    public static func checked(_ text: String) -> CRMNumber { CRMNumber(checked: text) }
}
