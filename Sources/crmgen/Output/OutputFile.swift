/// The one file a command writes when asked to (`export hubspot --output`): put in place whole,
/// written beside it first and then renamed over it, so a reader sees the old file or the new one.
///
/// Renaming replaces whatever has the name, so only a regular file (or nothing) may be there: a
/// device such as `/dev/null`, a pipe or a symbolic link would be replaced by a file, not written to.
enum OutputFile {
    /// Why `path` cannot be an output file, for a usage error; `nil` when it can.
    static func problem(with path: String, option: String = "--output") -> String? {
        guard !path.isEmpty else { return "\(option) needs a file name" }
        switch FileSystem.kind(of: path) {
        case .missing, .file:
            return nil
        case .folder:
            return "\(option) '\(path)' is a folder; give the name of a file"
        case .link:
            return "\(option) '\(path)' is a symbolic link; crmgen writes its output file beside it and renames it into place, "
                + "which would replace the link: give the path the link leads to"
        case .other:
            return "\(option) '\(path)' is not a regular file (a device, pipe or socket); crmgen writes its output file beside it "
                + "and renames it into place, which would replace it: leave out \(option) to write to standard output"
        }
    }

    /// Why `path` cannot be an output file of a command that read `inputs`: it is one of them
    /// (by device and inode, however either is spelled); `nil` when it is none of them.
    static func problem(with path: String, readFrom inputs: [String], option: String = "--output") -> String? {
        guard let identity = FileSystem.identity(of: path),
              let input = inputs.first(where: { FileSystem.identity(of: $0) == identity }) else { return nil }
        return "\(option) '\(path)' is the definition file '\(input)', which this command reads; write to another file"
    }
}
