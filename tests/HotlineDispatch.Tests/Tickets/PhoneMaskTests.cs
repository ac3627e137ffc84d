using HotlineDispatch.Silo.Tickets;

namespace HotlineDispatch.Tests.Tickets;

public sealed class PhoneMaskTests
{
    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("+86 138 1234 5678", "861******5678")]
    [InlineData("138-1234-5678", "138****5678")]
    [InlineData("62345678", "****5678")]
    [InlineData("1234567", "*******")]
    [InlineData("110", "****")]
    public void Keeps_at_most_three_leading_and_four_trailing_digits_and_hides_at_least_four(string phone, string masked)
    {
        Assert.Equal(masked, PhoneMask.Mask(phone));
    }
}
