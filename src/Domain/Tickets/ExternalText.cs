namespace HotlineDispatch.Tickets;

/// <summary>
/// Text from outside as the hotline keeps it: without control characters (line breaks and tabs stay), lone
/// surrogates or the non-characters U+FFFE/U+FFFF. None of them means anything to a reader, and any of them
/// makes an XML document invalid: one Open311 post carrying U+0001 broke the XML listing for every client.
/// </summary>
public static class ExternalText
{
    public static string Clean(string text)
    {
        var firstBad = IndexOfUnwanted(text, 0);
        if (firstBad < 0)
        {
            return text;
        }

        var kept = new System.Text.StringBuilder(text.Length);
        kept.Append(text, 0, firstBad);
        for (var i = firstBad; i < text.Length; i++)
        {
            if (char.IsSurrogatePair(text, i))
            {
                kept.Append(text, i++, 2);
            }
            else if (!IsUnwanted(text[i]))
            {
                kept.Append(text[i]);
            }
        }

        return kept.ToString();
    }

    private static int IndexOfUnwanted(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (char.IsSurrogatePair(text, i))
            {
                i++;
            }
            else if (IsUnwanted(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsUnwanted(char c) =>
        (char.IsControl(c) && c is not '\n' and not '\t') || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF';
}
