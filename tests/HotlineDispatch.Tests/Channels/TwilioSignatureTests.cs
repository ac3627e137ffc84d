using HotlineDispatch.Channels.Twilio;
using HotlineDispatch.Silo.Twilio;
using Microsoft.AspNetCore.Http;

namespace HotlineDispatch.Tests.Channels;

/// <summary>X-Twilio-Signature against the public vector of Twilio's SDK tests and against an independent signer.</summary>
public sealed class TwilioSignatureTests
{
    private const string Token = "12345";
    private const string VectorUrl = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private const string VectorSignature = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    private static readonly (string, string)[] VectorFields =
    [
        ("CallSid", "CA1234567890ABCDE"),
        ("Caller", "+14158675309"),
        ("Digits", "1234"),
        ("From", "+14158675309"),
        ("To", "+18005551212"),
    ];

    private static List<KeyValuePair<string, string>> Pairs(IEnumerable<(string Name, string Value)> fields) =>
        fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).ToList();

    [Fact]
    public void The_public_vector_is_computed_and_accepted()
    {
        Assert.Equal(VectorSignature, TwilioSignature.Compute(Token, VectorUrl, Pairs(VectorFields)));
        Assert.True(TwilioSignature.IsValid(Token, VectorUrl, Pairs(VectorFields), VectorSignature));
        Assert.Equal(VectorSignature, IndependentTwilioSigner.Sign(Token, VectorUrl, VectorFields));
    }

    [Fact]
    public void The_field_order_of_the_request_does_not_matter()
    {
        Assert.True(TwilioSignature.IsValid(Token, VectorUrl, Pairs(VectorFields.Reverse()), VectorSignature));
    }

    [Theory]
    [InlineData("https://mycompany.com:443/myapp.php?foo=1&bar=2", "https://mycompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=2", "https://mycompany.com:443/myapp.php?foo=1&bar=2")]
    [InlineData("http://hotline.example:80/channels/twilio/sms", "http://hotline.example/channels/twilio/sms")]
    [InlineData("http://hotline.example/channels/twilio/sms", "http://hotline.example:8080/channels/twilio/sms")]
    public void A_signature_over_the_url_with_or_without_the_port_is_accepted(string signedUrl, string requestUrl)
    {
        var fields = new[] { ("MessageSid", "SM" + new string('a', 32)), ("Body", "路灯不亮") };
        var signature = IndependentTwilioSigner.Sign("secret-token", signedUrl, fields);

        Assert.True(TwilioSignature.IsValid("secret-token", requestUrl, Pairs(fields), signature));
    }

    [Fact]
    public void Any_change_to_token_url_or_fields_is_refused()
    {
        var fields = VectorFields.ToList();
        Assert.False(TwilioSignature.IsValid("54321", VectorUrl, Pairs(fields), VectorSignature));
        Assert.False(TwilioSignature.IsValid(Token, VectorUrl.Replace("foo=1", "foo=2"), Pairs(fields), VectorSignature));
        Assert.False(TwilioSignature.IsValid(Token, "https://evil.example/myapp.php?foo=1&bar=2", Pairs(fields), VectorSignature));
        Assert.False(TwilioSignature.IsValid(Token, VectorUrl, Pairs(fields.Append(("Extra", "1"))), VectorSignature));
        Assert.False(TwilioSignature.IsValid(Token, VectorUrl, Pairs(fields.Skip(1)), VectorSignature));
        Assert.False(TwilioSignature.IsValid(Token, VectorUrl, Pairs(fields.Select(f => f.Item1 == "Digits" ? (f.Item1, "9999") : f)), VectorSignature));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 at all")]
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B8")]
    public void Missing_or_garbled_signatures_are_refused(string? signature)
    {
        Assert.False(TwilioSignature.IsValid(Token, VectorUrl, Pairs(VectorFields), signature));
    }

    [Fact]
    public void No_token_accepts_nothing()
    {
        Assert.False(TwilioSignature.IsValid("", VectorUrl, Pairs(VectorFields), IndependentTwilioSigner.Sign("", VectorUrl, VectorFields)));
    }

    [Fact]
    public void Repeated_fields_are_signed_sorted_by_value()
    {
        var fields = new[] { ("MediaUrl", "https://b.example"), ("MediaUrl", "https://a.example"), ("A", "1") };
        var signature = IndependentTwilioSigner.Sign(Token, VectorUrl, fields);

        Assert.True(TwilioSignature.IsValid(Token, VectorUrl, Pairs(fields), signature));
        Assert.Equal(signature, TwilioSignature.Compute(Token, VectorUrl, Pairs(fields.Reverse())));
    }

    [Fact]
    public void Url_forms_are_without_port_and_with_the_default_or_given_port()
    {
        Assert.Equal(["https://a.example/x?y=1", "https://a.example:443/x?y=1"], TwilioSignature.UrlForms("https://a.example/x?y=1"));
        Assert.Equal(["http://a.example/x", "http://a.example:80/x"], TwilioSignature.UrlForms("http://a.example:80/x"));
        Assert.Equal(["http://[::1]/x", "http://[::1]:8080/x"], TwilioSignature.UrlForms("http://[::1]:8080/x"));
        Assert.Equal(["https://a.example", "https://a.example:443"], TwilioSignature.UrlForms("https://a.example"));
    }

    [Fact]
    public void The_request_url_is_the_public_one_when_configured_else_the_requests_own()
    {
        var request = new DefaultHttpContext().Request;
        request.Scheme = "http";
        request.Host = new HostString("10.0.0.5", 8080);
        request.Path = "/channels/twilio/sms";
        request.QueryString = new QueryString("?a=1&b=%E4%B8%AD");

        Assert.Equal("http://10.0.0.5:8080/channels/twilio/sms?a=1&b=%E4%B8%AD", new TwilioUrls(null).RequestUrl(request));
        Assert.Equal("https://hotline.example.gov.cn/channels/twilio/sms?a=1&b=%E4%B8%AD",
            new TwilioUrls("https://hotline.example.gov.cn/").RequestUrl(request));
    }

    [Fact]
    public void Form_fields_are_read_as_sent_including_repeats_and_plus_as_space()
    {
        var form = TwilioForm.Parse("Body=%E8%B7%AF%E7%81%AF+%E4%B8%8D%E4%BA%AE&A=1&A=2&Empty="u8);

        Assert.Equal("路灯 不亮", form["Body"]);
        Assert.Equal(["1", "2"], form.Fields.Where(f => f.Key == "A").Select(f => f.Value));
        Assert.Equal("", form["Empty"]);
        Assert.Null(form["Missing"]);
        Assert.Throws<FormatException>(() => TwilioForm.Parse([0x42, 0x3D, 0xFF, 0xFE]));
    }
}
