using System.Globalization;

namespace HotlineDispatch;

/// <summary>
/// The start of a resident's text, where a list, an alert or a reply shows only part of it. The cut falls between
/// text elements (what a reader takes for one character): half a surrogate pair is no character at all, which
/// screens show as garbage and strict encoders refuse, and half an emoji sequence shows another emoji.
/// </summary>
public static class Excerpts
{
    public static string Of(string text, int maxTextElements)
    {
        // No more UTF-16 units than the limit cannot make more text elements than it.
        if (text.Length <= maxTextElements)
        {
            return text;
        }

        var end = 0;
        for (var taken = 0; taken < maxTextElements && end < text.Length; taken++)
        {
            end += StringInfo.GetNextTextElementLength(text, end);
        }

        return end == text.Length ? text : text[..end] + "…";
    }
}
