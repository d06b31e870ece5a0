import ArgumentParser

/// The names (and aliases) of Rudder's own commands: a plugin never shadows one.
enum RudderBuiltIns {
    static let names: Set<String> = {
        var names: Set<String> = ["help"]
        for command in Rudder.configuration.subcommands {
            names.insert(command._commandName)
            names.formUnion(command.configuration.aliases)
        }
        return names
    }()
}
