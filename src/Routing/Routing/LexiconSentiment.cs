namespace HotlineDispatch.Routing;

/// <summary>
/// The local stand-in for Azure AI Language's sentiment when it is not configured: counts words of
/// praise and of anger or distress in a small hand-written zh lexicon, with a negation just before a
/// word flipping it (不满意 is negative, 不错 positive). It reads words, not meaning: sarcasm and
/// complaints told calmly come out neutral.
/// </summary>
public static class LexiconSentiment
{
    private static readonly string[] Positive =
    [
        "谢谢", "感谢", "多谢", "辛苦了", "表扬", "点赞", "满意", "好评", "及时", "热情", "耐心", "负责任", "认真", "给力",
        "专业", "贴心", "周到", "高效", "很快", "解决了", "修好了", "很好", "真好", "不错", "靠谱", "赞", "暖心", "感动",
    ];

    private static readonly string[] Negative =
    [
        "投诉", "不满", "生气", "气愤", "愤怒", "太差", "很差", "差劲", "恶劣", "敷衍", "推诿", "踢皮球", "没人管", "不管",
        "没人理", "不作为", "拖延", "拖了", "一直没", "还没", "凭什么", "太过分", "过分", "欺负", "吓人", "害怕", "担心",
        "危险", "受不了", "烦死", "崩溃", "无语", "坑人", "骗", "乱收费", "脏", "臭", "吵", "扰民", "投诉无门", "失望",
        "有没有天理", "不像话", "要求赔偿", "赶紧", "快来", "救命",
    ];

    private static readonly string[] Negations = ["不", "没", "别", "未", "无"];

    private static readonly HashSet<string> NegatablePositives = ["满意", "及时", "热情", "耐心", "负责任", "认真", "专业", "靠谱"];

    public static string Analyze(string text)
    {
        var normalized = RoutingText.Normalize(text);
        var positive = 0;
        var negative = 0;
        foreach (var word in Positive)
        {
            foreach (var at in Occurrences(normalized, word))
            {
                if (NegatablePositives.Contains(word) && at > 0 && Negations.Any(n => normalized[..at].EndsWith(n, StringComparison.Ordinal)))
                {
                    negative++;
                }
                else
                {
                    positive++;
                }
            }
        }

        negative += Negative.Sum(word => Occurrences(normalized, word).Count());
        return (positive, negative) switch
        {
            (0, 0) => Sentiments.Neutral,
            (> 0, 0) => Sentiments.Positive,
            (0, > 0) => Sentiments.Negative,
            var (p, n) when p >= 2 * n => Sentiments.Positive,
            var (p, n) when n >= 2 * p => Sentiments.Negative,
            _ => Sentiments.Mixed,
        };
    }

    private static IEnumerable<int> Occurrences(string text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.Ordinal))
        {
            yield return at;
        }
    }
}
