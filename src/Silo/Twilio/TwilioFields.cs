using System.Globalization;
using System.Text.RegularExpressions;
using HotlineDispatch.Channels.Twilio;
using HotlineDispatch.Silo.Hosting;

namespace HotlineDispatch.Silo.Twilio;

/// <summary>Checks the fields of a verified Twilio request; a bad one is a 400 naming it.</summary>
public static partial class TwilioFields
{
    /// <summary>A Twilio resource id: two letters of its kind and 32 hex digits (<c>SM…</c>, <c>MM…</c>, <c>CA…</c>).</summary>
    public static bool IsSid(string? value, params string[] prefixes) =>
        value is not null && SidShape().IsMatch(value) && prefixes.Contains(value[..2]);

    /// <summary>An absolute http(s) URL, as Twilio gives for media and recordings.</summary>
    public static bool IsUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && value!.Length <= 2000;

    /// <summary>A phone number that can be called or texted back: E.164.</summary>
    public static bool IsPhone(string? value) => value is not null && PhoneShape().IsMatch(value);

    /// <summary>The message id of an SMS webhook (<c>SmsSid</c> is its deprecated name), or the 400 saying it is missing or malformed.</summary>
    public static IResult? MessageSid(TwilioForm form, out string sid)
    {
        sid = form["MessageSid"] ?? form["SmsSid"] ?? "";
        return IsSid(sid, "SM", "MM") ? null : Problems.Invalid("MessageSid", "MessageSid must be a Twilio message id: SM or MM and 32 hex digits.");
    }

    public static IResult? Require(TwilioForm form, string field, int maxLength, out string value)
    {
        value = form[field] ?? "";
        if (string.IsNullOrWhiteSpace(value))
        {
            return Problems.Invalid(field, $"{field} is required.");
        }

        return value.Length > maxLength ? Problems.Invalid(field, $"{field} is longer than {maxLength} characters.") : null;
    }

    public static bool TryNumber(string? value, out double number) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);

    [GeneratedRegex("^[A-Z]{2}[0-9a-fA-F]{32}$")]
    private static partial Regex SidShape();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex PhoneShape();
}
