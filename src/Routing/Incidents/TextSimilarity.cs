using HotlineDispatch.Routing;

namespace HotlineDispatch.Incidents;

/// <summary>
/// How alike two reports read: the Dice coefficient of their character bigrams (letters and CJK only),
/// 0 for nothing shared, 1 for the same text. Reports of one burst main share most of their bigrams
/// (爆管, 水漫, the road's name) even when worded differently.
/// </summary>
/// <remarks>
/// A bigram is the two UTF-16 units packed into one number and a text's bigrams are a sorted array,
/// so comparing two reports is one merge without hashing or allocation: every intake compares its
/// text with each recent report of its cell, twice, which made string sets a tenth of intake's CPU.
/// </remarks>
public static class TextSimilarity
{
    /// <summary>The distinct bigrams of <paramref name="text"/>, in ascending order.</summary>
    public static uint[] Bigrams(string text)
    {
        var letters = RoutingText.Normalize(text).Where(char.IsLetterOrDigit).ToArray();
        if (letters.Length < 2)
        {
            return [];
        }

        var bigrams = new uint[letters.Length - 1];
        for (var i = 0; i < bigrams.Length; i++)
        {
            bigrams[i] = (uint)letters[i] << 16 | letters[i + 1];
        }

        Array.Sort(bigrams);
        var distinct = 1;
        for (var i = 1; i < bigrams.Length; i++)
        {
            if (bigrams[i] != bigrams[distinct - 1])
            {
                bigrams[distinct++] = bigrams[i];
            }
        }

        return bigrams[..distinct];
    }

    public static double Of(uint[] a, uint[] b)
    {
        if (a.Length + b.Length == 0)
        {
            return 0;
        }

        int shared = 0, i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return 2.0 * shared / (a.Length + b.Length);
    }
}
