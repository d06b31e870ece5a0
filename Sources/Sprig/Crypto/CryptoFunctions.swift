import Values

/// Sprig's crypto family as Helm exposes it: key and certificate generation, AES, bcrypt
/// (`bcrypt`, `htpasswd`) and Master Password's `derivePassword`. (`randBytes`, `uuidv4`
/// and the digests live with the random and encoding families.)
enum CryptoFunctions {
    static let all: [GoFunction] = CertificateFunctions.all + AESFunctions.all + PasswordFunctions.all
}

/// The password functions. Each returns its failure as text rather than as an error, as
/// Sprig does.
enum PasswordFunctions {
    static let all: [GoFunction] = [
        .string("bcrypt", [.string]) { bcrypt($0.string(0)) },
        .string("htpasswd", [.string, .string]) { args in
            let user = args.string(0)
            if user.contains(":") { return "invalid username: \(user)" }
            return user + ":" + bcrypt(args.string(1))
        },
        .string("derivePassword", [.uint32, .string, .string, .string, .string]) { args in
            MasterPassword.derive(
                counter: UInt32(truncatingIfNeeded: args.int(0)), type: args.string(1), password: args.string(2),
                user: args.string(3), site: args.string(4))
        },
    ]

    static func bcrypt(_ input: String) -> String {
        do {
            return try Bcrypt.generate(password: Array(input.utf8))
        } catch {
            return "failed to encrypt string with bcrypt: \(error)"
        }
    }
}
