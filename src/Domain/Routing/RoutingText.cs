using System.Text;

namespace HotlineDispatch.Routing;

/// <summary>
/// The one normalisation every model, rule and similarity check applies to a message, so that
/// full-width and half-width forms, letter case and the digits of house numbers and phone numbers do
/// not split one word into many features.
/// </summary>
public static class RoutingText
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var folded = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        var space = false;
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            // Which building or phone number a report names says nothing about who handles it.
            builder.Append(char.IsAsciiDigit(c) ? '0' : char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
