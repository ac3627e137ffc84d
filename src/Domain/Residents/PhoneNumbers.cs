namespace HotlineDispatch.Residents;

/// <summary>
/// Compares phone numbers as residents and providers write them: an operator types <c>13812345678</c>,
/// Twilio sends <c>+8613812345678</c>. Only digits count, and mainland China's country code is dropped.
/// </summary>
public static class PhoneNumbers
{
    private const string ChinaCode = "86";

    public static bool Same(string? a, string? b)
    {
        var x = Canonical(a);
        return x.Length >= 5 && x == Canonical(b);
    }

    /// <summary>
    /// The digits of a number without mainland China's country code (<c>+86</c> or <c>0086</c>): how it is stored
    /// for search and searched for wherever it was written.
    /// </summary>
    public static string Canonical(string? phone)
    {
        var digits = new string((phone ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("00" + ChinaCode, StringComparison.Ordinal))
        {
            return digits[(ChinaCode.Length + 2)..];
        }

        return digits.Length > 11 && digits.StartsWith(ChinaCode, StringComparison.Ordinal) ? digits[ChinaCode.Length..] : digits;
    }

    /// <summary>
    /// Where a caller logged by an operator is answered: a mainland mobile number gets receipts, results and the survey
    /// prompt by SMS, as an SMS reporter does; a landline has no such path, and its survey is a call from the worklist.
    /// </summary>
    public static string? SmsReplyTo(string? phone) =>
        Canonical(phone) is { Length: 11 } digits && digits[0] == '1' && digits[1] is >= '3' and <= '9' ? $"sms:+{ChinaCode}{digits}" : null;
}
