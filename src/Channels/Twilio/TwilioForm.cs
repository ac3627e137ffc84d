using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace HotlineDispatch.Channels.Twilio;

/// <summary>
/// The fields of a Twilio webhook (<c>application/x-www-form-urlencoded</c>) exactly as received: every
/// one of them is signed, including fields Twilio adds without notice, so none is dropped or merged.
/// </summary>
public sealed class TwilioForm
{
    private const int MaxFields = 200;

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private TwilioForm(IReadOnlyList<KeyValuePair<string, string>> fields) => Fields = fields;

    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; }

    /// <summary>The first value of a field, or null when it was not sent.</summary>
    public string? this[string name] => Fields.FirstOrDefault(f => f.Key == name).Value;

    /// <summary>Parses a form body; throws <see cref="FormatException"/> saying what is wrong with it.</summary>
    public static TwilioForm Parse(ReadOnlySpan<byte> body)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            throw new FormatException("The form body is not valid UTF-8.");
        }

        var fields = new List<KeyValuePair<string, string>>();
        var reader = new FormReader(text);
        while (reader.ReadNextPair() is { } pair)
        {
            if (fields.Count == MaxFields)
            {
                throw new FormatException($"The form has more than {MaxFields} fields.");
            }

            fields.Add(KeyValuePair.Create(pair.Key, pair.Value));
        }

        return new TwilioForm(fields);
    }
}
