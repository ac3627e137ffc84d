using System.Text;

namespace HotlineDispatch.Knowledge;

/// <summary>
/// Cuts text into the terms the knowledge base is searched by. Chinese is written without spaces, so
/// runs of Han characters give their single characters and overlapping pairs (社保卡 → 社, 保, 卡,
/// 社保, 保卡); runs of letters and digits give lower-case words. Punctuation and spaces separate runs.
/// </summary>
public static class TextGrams
{
    public static IReadOnlySet<string> Of(string? text)
    {
        var grams = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            return grams;
        }

        var word = new StringBuilder();
        char? previousHan = null;
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (IsHan(c))
            {
                Flush(word, grams);
                grams.Add(c.ToString());
                if (previousHan is { } p)
                {
                    grams.Add(string.Concat(p, c));
                }

                previousHan = c;
                continue;
            }

            previousHan = null;
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else
            {
                Flush(word, grams);
            }
        }

        Flush(word, grams);
        return grams;
    }

    /// <summary>
    /// The terms a query is matched by: its pairs when it has two Han characters in a row (single
    /// characters match too much), else everything <see cref="Of"/> gives.
    /// </summary>
    public static IReadOnlySet<string> OfQuery(string? query)
    {
        var all = Of(query);
        var pairs = all.Where(g => g.Length == 2 && IsHan(g[0]) && IsHan(g[1])).ToHashSet(StringComparer.Ordinal);
        if (pairs.Count == 0)
        {
            return all;
        }

        pairs.UnionWith(all.Where(g => !IsHan(g[0])));
        return pairs;
    }

    private static void Flush(StringBuilder word, HashSet<string> grams)
    {
        if (word.Length > 0)
        {
            grams.Add(word.ToString());
            word.Clear();
        }
    }

    /// <summary>CJK unified ideographs (with extension A) and the compatibility ideographs.</summary>
    private static bool IsHan(char c) => c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';
}
