/// Deals a flow its hand of queues (kube-apiserver's shuffle sharding): a flow always gets
/// the same `handSize` distinct queues, and two flows rarely share all of them, so one
/// heavy flow fills its own queues and leaves others a short one.
struct ShuffleShardingDealer: Sendable {
    let deckSize: Int
    let handSize: Int

    /// The queues of the flow whose identity hashes to `hash`.
    func hand(_ hash: UInt64) -> [Int] {
        var value = hash
        var hand: [Int] = []
        for dealt in 0..<handSize {
            let remaining = UInt64(deckSize - dealt)
            var card = Int(value % remaining)
            value /= remaining
            // `card` indexes the cards not dealt yet: skip over the dealt ones in order.
            for taken in hand.sorted() where taken <= card { card += 1 }
            hand.append(card)
        }
        return hand
    }

    /// FNV-1a, so the hand of a flow is the same on every run (Swift's `Hasher` is seeded
    /// per process).
    static func hash(_ flow: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in flow.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        return h
    }
}
