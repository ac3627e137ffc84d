namespace HotlineDispatch.Silo.Tickets;

/// <summary>Masks a phone number the way departments see it: 138****1234.</summary>
public static class PhoneMask
{
    public static string? Mask(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return phone;
        }

        var digits = phone.Trim();
        return digits.Length switch
        {
            >= 11 => string.Concat(digits.AsSpan(0, digits.Length - 8), "****", digits.AsSpan(digits.Length - 4)),
            >= 7 => string.Concat(digits.AsSpan(0, 3), new string('*', digits.Length - 7), digits.AsSpan(digits.Length - 4)),
            _ => new string('*', digits.Length),
        };
    }
}
