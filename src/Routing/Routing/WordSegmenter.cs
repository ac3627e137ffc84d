using JiebaNet.Segmenter;

namespace HotlineDispatch.Routing;

/// <summary>
/// Cuts Chinese into words with jieba (its dictionary plus an HMM for words it lacks), so the
/// classifiers see 燃气表 or 欠薪 as one feature and not only as overlapping characters. The
/// dictionary is read once per process from <c>jieba/</c> beside the assembly (about a second).
/// </summary>
public static class WordSegmenter
{
    private static readonly Lazy<JiebaSegmenter> Segmenter = new(() =>
    {
        ConfigManager.ConfigFileBaseDir = Path.Combine(AppContext.BaseDirectory, "jieba");
        return new JiebaSegmenter();
    });

    /// <summary>The words of a normalised text, space-separated, punctuation and spaces left out.</summary>
    public static string Words(string normalizedText) =>
        string.Join(' ', Segmenter.Value.Cut(normalizedText).Where(w => w.Any(char.IsLetterOrDigit)));
}
