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

    /// <summary>The digits of a number without mainland China's country code: how it is searched for wherever it was written.</summary>
    public static string Canonical(string? phone)
    {
        var digits = new string((phone ?? "").Where(char.IsAsciiDigit).ToArray());
        return digits.Length > 11 && digits.StartsWith(ChinaCode, StringComparison.Ordinal) ? digits[ChinaCode.Length..] : digits;
    }
}
