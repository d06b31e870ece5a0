/// Outputs of real Helm v4.2.3 (Sprig v3.3.0) captured through the conformance oracle, for
/// the crypto tests: random outputs cannot be compared byte for byte, but they can be
/// decrypted, re-derived under the same salt, or used as a CA.
enum CryptoOracle {
    /// `genCA "oracle-ca" 3650`.
    static let caCert = """
-----BEGIN CERTIFICATE-----
MIIDFDCCAfygAwIBAgIRANYeiitdpZJJCzeV7L9YjFwwDQYJKoZIhvcNAQELBQAw
FDESMBAGA1UEAxMJb3JhY2xlLWNhMB4XDTI2MTEyMTE5NTc1N1oXDTM2MTExODE5
NTc1N1owFDESMBAGA1UEAxMJb3JhY2xlLWNhMIIBIjANBgkqhkiG9w0BAQEFAAOC
AQ8AMIIBCgKCAQEAynVlkbyat+Q5r0rTgu/oyhyzod7HdOC41jLjWjyWjnYi2wDJ
qJ3njbkg+atfEYeWC2y9A3E++NPbLMbuYT3jEm4VlP30qyp4/T2iaJeBlQ+xZmxl
0qgdMa6nO2OPpjIZxleNklow7TfHsahD7o8AWWYqAzTZIUCQYkeUjhfT7Uc3LD1y
+/hVBPeUAaweJ8sCDQDTjzUrL8+K+QZelC/k2ExJfdKC7sUUyrpJjta8F3karvkS
c5sheKxJyzR0WC+H0dY0/ohvJI+gqK2XjZhS7sjgyPGFBD+T9SmoBIkZn43pY7yn
Qs0SAPhGIod4jRuaUAzymDGWHsqPtKmkd/s3KQIDAQABo2EwXzAOBgNVHQ8BAf8E
BAMCAqQwHQYDVR0lBBYwFAYIKwYBBQUHAwEGCCsGAQUFBwMCMA8GA1UdEwEB/wQF
MAMBAf8wHQYDVR0OBBYEFKme7A60ietdXw54boMSWPIHB7kXMA0GCSqGSIb3DQEB
CwUAA4IBAQB0cE+vcTNbNzoqdmaCcwy9gZXSeQnv3zW+isXFcFr3WYkzOyPxNS7g
JY5R3rnCtUPKe0HuNtKzNVxxN3ryJsjjRk4WOwLiRq3KJTFbHtPskB/9Ux9A+uPJ
XA0gerff9qJHjQNlHRefz2jIZA+dInh3lDuQ+UuZ9Y1xxjOqoutX/2slQTKE//qc
Ok3yIebimxGvh0VqF1g/wwkDpiTKp/zLujeIsrIXdy/X/3WHRGrNGVREPcamSPzx
3qx5cK98zbOKcLER0as5jhnMbHOH1gKz61xf8eMROw8gKzIG38cRICv0PDWmd4Rv
eWLCRcA9hicMvENsmq70OwPUInMpjDCt
-----END CERTIFICATE-----
"""

    static let caKey = """
-----BEGIN RSA PRIVATE KEY-----
MIIEowIBAAKCAQEAynVlkbyat+Q5r0rTgu/oyhyzod7HdOC41jLjWjyWjnYi2wDJ
qJ3njbkg+atfEYeWC2y9A3E++NPbLMbuYT3jEm4VlP30qyp4/T2iaJeBlQ+xZmxl
0qgdMa6nO2OPpjIZxleNklow7TfHsahD7o8AWWYqAzTZIUCQYkeUjhfT7Uc3LD1y
+/hVBPeUAaweJ8sCDQDTjzUrL8+K+QZelC/k2ExJfdKC7sUUyrpJjta8F3karvkS
c5sheKxJyzR0WC+H0dY0/ohvJI+gqK2XjZhS7sjgyPGFBD+T9SmoBIkZn43pY7yn
Qs0SAPhGIod4jRuaUAzymDGWHsqPtKmkd/s3KQIDAQABAoIBAFT2ICohEnKSUYzY
41si77eFhPKsiVpohdjJ4TP4khv1wpnSQk5C+a21X3u26X3zPsnLl6RurUUBrwwi
7V2ceYK99MuiKT99YumvKE0pK2WRANrhKXfWOe4kA6T+GoXdp4hfLJeaxsZ97o0E
9oERvM1HfOD8mBQGwrCjpllc8YA0b/ZPah2aL8RKRxQtm6hZU4m7bHYkYYPljM/Q
+ARAgGkzUGIyuXp/f9kwkLkAEEsYg+84a8HBg3evjEuOWtz5HUD/4RQCydzguN1V
zT1J50r4a6jGlf0bfSM42x87jVrnoh+R3nri2AF9lO/m1hSrm7VZ3Cqxz6BKyFxs
CEoGnwMCgYEA3kDvECWE8O7wm8mlWGLCw2TK668Wg4EePUDEwwGwE+8zgM3y97u5
uha+UQqrJJCU4w/j2+OJMdAGDkWi+H9/lDxglV07ezzNkfEytMOLJhioRnFcVn54
zyFazniC4kvZ7//6OkXB9/4M6jGIglZ0ncWHSxcLd/BKtjHKGY0dpE8CgYEA6TMF
0KbMjRuR4xbssm/UT3n9p3wtuAxhJMm5qY985qvcRS9GLyJWFRNcq5ej9W+ydbNX
9ngeEA8WIIlDJEV7dwBP7dkpHgATNYunvwymj29orOkFk4naiYu9LfZuC0tyXC99
NYvRy+EphmHql0FfpjPudwkz+/RKiQaMc1zFdwcCgYEAocN5PLNSM1p13a3CnrYj
M7wkxa3GISjVLZf6nkSYN6oePl2nvg/wejUbiDjPn+lrtGhYXC8cKBlUjwa4O03x
OZ9IXO5i4Ku8o8B+O3snyC6iK8NOhdW/cGLCiQzFlpfGpBwXsFodd7Z9B+fNh7AN
aNfgRRMc0csfVcSfaEGBlZkCgYByzQp00FhsswDbwaJeqYzkX1LPC+PZ8kY0fRZo
cdn0GPEEIiSz+XxVPcXmN22g2w8IwHRyQmnSUAr9k3U5Ovdv+vheSATk3vaV6p13
APxSKm9miASVwEyUX/WO1f0QlGDFHx/Np3ptmvf9TuDU+3rh8DjZ4u7zfyzeThoA
hNA1KwKBgEdmcxVsA53oLc79Ns7yUR5/jRULavfxqPCHwVcqWn3ZqoR8cDrf1n7r
YF/4IrjeNyZWBW/UgXI5MLAXtt3sk0zIkjp74O27A8BwDi/9ehcE9S4gtfKxlJvo
+qZDH2K+LyTSsli06rUhdzJZ6LqoLRvPZNvbf5NvCI7RHDBFda3Z
-----END RSA PRIVATE KEY-----
"""

    /// `bcrypt` results (password, hash).
    static let bcryptHashes: [(password: String, hash: String)] = [
        ("pass", "$2a$10$qnSGy7o7stGuITjUX22icOAt11S6AzPFwefdCJfMvOBIIzkYNzX5S"),
        ("", "$2a$10$/9/rFmG2uAy325tDHaE/VeuXThZDeOnRCkWOTrO22JLWs2AdigT.u"),
        (String(repeating: "x", count: 72), "$2a$10$M13r2sbGsWo88VAJytsUqOSJr0SUeCs5A8KtihhqAR6GVIFivn26K"),
        ("\u{e9}\u{2713}\u{fc}nicode", "$2a$10$Mh9uWesHZ30WxqmQMGycduunqMI6Pdt6u0zFz8AcK9A2jDMmp5vwC"),
    ]

    /// `encryptAES` results (password, plaintext, ciphertext).
    static let aesCiphertexts: [(password: String, plaintext: String, ciphertext: String)] = [
        ("secretkey", "plaintext", "jTdliy9j9klhSuvtsj/nCUNi9eHX691pAWPTUkCDWUc="),
        ("k", "0123456789abcdef", "ciKnfdhfZ9CkrQzzJHw7ZjoSvGTpsKFb025FyYHMAd45TdjERuPFbT/3reR1cLDN"),
        ("0123456789abcdef0123456789abcdefXYZ", "long key truncated", "GrbTLWXKAuqD2DVVN/hiw6EAEijHKQhopW3EUVgeOwxA529+sbH40VNzLanXhO0/"),
        ("", "empty key", "J5L0PJaHtOnR3oYxF5FV0aarvwJKwmcmZ8lNVleAMEs="),
        ("\u{e9}", "\u{fc}n\u{ef}code \u{2713}", "gaEf/1aVvCDYZUzPZKVfvvp+UF/wkIcuwa+m+I6q7dg="),
    ]
}
