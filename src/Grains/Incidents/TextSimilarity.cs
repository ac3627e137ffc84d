using HotlineDispatch.Routing;

namespace HotlineDispatch.Incidents;

/// <summary>
/// How alike two reports read: the Dice coefficient of their character bigrams (letters and CJK only),
/// 0 for nothing shared, 1 for the same text. Reports of one burst main share most of their bigrams
/// (爆管, 水漫, the road's name) even when worded differently.
/// </summary>
public static class TextSimilarity
{
    public static IReadOnlySet<string> Bigrams(string text)
    {
        var letters = RoutingText.Normalize(text).Where(char.IsLetterOrDigit).ToArray();
        var bigrams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < letters.Length; i++)
        {
            bigrams.Add(new string(letters, i, 2));
        }

        return bigrams;
    }

    public static double Of(IReadOnlySet<string> a, IReadOnlySet<string> b) =>
        a.Count + b.Count == 0 ? 0 : 2.0 * a.Count(b.Contains) / (a.Count + b.Count);
}
