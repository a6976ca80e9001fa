/// Cuts Chinese text into overlapping character bigrams, the way Lucene's `CJKAnalyzer` does:
/// "医保缴费" gives 医保, 保缴, 缴费. Chinese has no spaces, and a bigram index finds an
/// article whatever way the caller's words split into dictionary words.
///
/// - Full-width Latin letters and digits are folded to ASCII and Latin text is lowercased;
///   a run of letters or digits is one token ("12345", "app").
/// - A run of Han characters of length one is kept as that character; longer runs give
///   their overlapping bigrams.
/// - Everything else (punctuation, spaces, emoji) separates runs.
/// - Filler bigrams that carry no subject ("请问", "怎么", "一下", or any bigram with a
///   particle such as 的/了/吗) are dropped, on both sides of the search, so that a caller's
///   politeness does not outweigh the subject of the question.
///
/// Pure and deterministic: the same text always gives the same tokens, in text order.
public enum BigramTokenizer {
    /// The tokens of `text`, in text order, repeats kept (counts matter for ranking).
    public static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var han: [Character] = []
        var word = ""
        func flushHan() {
            if han.count == 1 {
                if !Self.particles.contains(han[0]) { tokens.append(String(han[0])) }
            } else if han.count > 1 {
                for i in 0..<(han.count - 1) {
                    let bigram = String([han[i], han[i + 1]])
                    if Self.particles.contains(han[i]) || Self.particles.contains(han[i + 1]) || Self.filler.contains(bigram) { continue }
                    tokens.append(bigram)
                }
            }
            han.removeAll(keepingCapacity: true)
        }
        func flushWord() {
            if !word.isEmpty { tokens.append(word) }
            word = ""
        }
        for scalar in text.unicodeScalars {
            let folded = Self.fold(scalar)
            if Self.isHan(folded) {
                flushWord()
                han.append(Character(folded))
            } else if Self.isWordCharacter(folded) {
                flushHan()
                word.unicodeScalars.append(contentsOf: String(folded).lowercased().unicodeScalars)
            } else {
                flushHan()
                flushWord()
            }
        }
        flushHan()
        flushWord()
        return tokens
    }

    /// The distinct tokens of `text`.
    public static func tokenSet(_ text: String) -> Set<String> {
        Set(self.tokens(text))
    }

    /// Whether `scalar` is a Han (Chinese) character: the unified ideographs and their
    /// extensions A and B, and the compatibility block.
    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x2A6DF: true
        default: false
        }
    }

    /// Letters and digits outside the Han blocks (Latin, digits, Greek...).
    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Full-width ASCII (ＡＢＣ１２３) folded to ASCII; the ideographic space to a space.
    private static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0xFF01...0xFF5E: Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar
        case 0x3000: " "
        default: scalar
        }
    }

    /// Particles and pronoun-like characters that make no subject on their own.
    static let particles: Set<Character> = ["的", "了", "吗", "呢", "吧", "啊", "呀", "嘛", "哦", "么", "您", "你", "我", "他", "她"]

    /// Bigrams that are how people ask, not what they ask about.
    static let filler: Set<String> = [
        "请问", "想问", "问一", "问下", "一下", "怎样", "如何", "什么", "怎么", "为什", "是不", "不是", "是否", "能不", "不能",
        "可不", "可以", "以吗", "有没", "这个", "那个", "一个", "哪里", "哪儿", "在哪", "知道", "谢谢", "麻烦", "你好", "您好",
        "需要", "要怎", "咨询", "了解", "现在", "今天", "这边", "那边", "就是", "还是", "还有", "然后", "如果",
        "因为", "所以", "但是", "或者", "应该", "到底", "多久", "能否", "行不", "不行", "办法", "家里", "我家",
    ]
}
