using System.Security.Cryptography;
using System.Text;
using HotlineDispatch.Channels.Grid;

namespace HotlineDispatch.Tests.Channels;

public sealed class BridgeSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"messageId":"m1","text":"路灯坏了"}""");

    /// <summary>RFC 4231 test case 2: HMAC-SHA256 with key "Jefe".</summary>
    [Fact]
    public void The_rfc_4231_vector()
    {
        Assert.Equal("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            BridgeSignature.Compute("Jefe", Encoding.ASCII.GetBytes("what do ya want for nothing?")));
    }

    [Fact]
    public void A_signature_made_independently_matches_in_either_case()
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes("secret"));
        var hex = BitConverter.ToString(hmac.ComputeHash(Body)).Replace("-", "");
        Assert.True(BridgeSignature.Matches("secret", Body, "sha256=" + hex));
        Assert.True(BridgeSignature.Matches("secret", Body, "sha256=" + hex.ToLowerInvariant()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha1=00")]
    [InlineData("sha256=zz")]
    [InlineData("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")]
    public void Anything_else_does_not(string? header)
    {
        Assert.False(BridgeSignature.Matches("secret", Body, header));
    }
}
