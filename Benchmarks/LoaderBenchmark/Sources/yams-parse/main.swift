// Parses each file with Yams into its node tree (Yams.compose), the closest peer to
// crmgen's syntax tree. usage: yams-parse FILE...
import Foundation
import Yams

var nodes = 0
for path in CommandLine.arguments.dropFirst() {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
        exit(1)
    }
    do {
        if let node = try Yams.compose(yaml: text), let mapping = node.mapping {
            nodes += mapping.count
        }
    } catch {
        FileHandle.standardError.write(Data("\(path): \(error)\n".utf8))
        exit(1)
    }
}
print("\(nodes) top-level keys")
