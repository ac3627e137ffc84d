namespace HotlineDispatch.Silo.Tickets;

/// <summary>Masks a phone number the way departments see it: 138****1234.</summary>
public static class PhoneMask
{
    /// <summary>
    /// Keeps at most the first three and the last four digits and always hides at least four, whatever
    /// spaces, dashes or country code the number was written with.
    /// </summary>
    public static string? Mask(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return phone;
        }

        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length < 8)
        {
            return new string('*', Math.Max(digits.Length, 4));
        }

        var shown = digits.Length >= 11 ? 3 : digits.Length - 4 - 4;
        return string.Concat(digits.AsSpan(0, shown), new string('*', digits.Length - shown - 4), digits.AsSpan(digits.Length - 4));
    }
}
