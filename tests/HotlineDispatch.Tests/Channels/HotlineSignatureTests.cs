using System.Security.Cryptography;
using System.Text;
using HotlineDispatch.Channels.Http;

namespace HotlineDispatch.Tests.Channels;

public sealed class HotlineSignatureTests
{
    private const string Path = "/channels/groups/g1/messages";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"messageId":"m1","text":"路灯坏了"}""");

    [Fact]
    public void A_signature_made_independently_matches_in_either_case()
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes("secret"));
        var hex = BitConverter.ToString(hmac.ComputeHash([.. Encoding.UTF8.GetBytes($"1700000000\nPOST\n{Path}\n"), .. Body])).Replace("-", "");
        Assert.True(HotlineSignature.Matches("secret", "1700000000", "POST", Path, Body, "sha256=" + hex));
        Assert.True(HotlineSignature.Matches("secret", "1700000000", "POST", Path, Body, "sha256=" + hex.ToLowerInvariant()));
        Assert.False(HotlineSignature.Matches("secret", "1700000001", "POST", Path, Body, "sha256=" + hex));
        Assert.False(HotlineSignature.Matches("secret", "1700000000", "POST", "/channels/groups/g2/messages", Body, "sha256=" + hex));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha1=00")]
    [InlineData("sha256=zz")]
    [InlineData("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")]
    public void Anything_else_does_not(string? header)
    {
        Assert.False(HotlineSignature.Matches("secret", "1700000000", "POST", Path, Body, header));
    }
}
