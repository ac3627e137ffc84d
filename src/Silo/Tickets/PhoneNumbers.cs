namespace HotlineDispatch.Silo.Tickets;

/// <summary>A caller's number as the console searches by it: an operator types 13812345678 for an SMS from +8613812345678.</summary>
public static class PhoneNumbers
{
    public static string? Normalise(string? phone)
    {
        var digits = new string((phone ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("0086", StringComparison.Ordinal))
        {
            digits = digits[4..];
        }
        else if (digits.Length == 13 && digits.StartsWith("861", StringComparison.Ordinal))
        {
            digits = digits[2..];
        }

        return digits.Length == 0 ? null : digits;
    }

    /// <summary>
    /// Where a caller logged by an operator is answered: a mainland mobile number gets receipts, results and the survey
    /// prompt by SMS, as an SMS reporter does; a landline has no such path, and its survey is a call from the worklist.
    /// </summary>
    public static string? SmsReplyTo(string? phone) =>
        Normalise(phone) is { Length: 11 } digits && digits[0] == '1' && digits[1] is >= '3' and <= '9' ? $"sms:+86{digits}" : null;
}
