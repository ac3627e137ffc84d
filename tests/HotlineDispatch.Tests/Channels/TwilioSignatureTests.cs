using HotlineDispatch.Channels.Http;
using HotlineDispatch.Channels.Twilio;
using HotlineDispatch.Silo.Twilio;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;

namespace HotlineDispatch.Tests.Channels;

/// <summary>
/// X-Twilio-Signature as the webhook filter checks it with the Twilio library, against the public vector of
/// Twilio's SDK tests and against an independent signer.
/// </summary>
public sealed class TwilioSignatureTests
{
    private const string Token = "12345";
    private const string VectorBase = "https://mycompany.com";
    private const string VectorPath = "/myapp.php?foo=1&bar=2";
    private const string VectorUrl = VectorBase + VectorPath;
    private const string VectorSignature = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    private static readonly (string, string)[] VectorFields =
    [
        ("CallSid", "CA1234567890ABCDE"),
        ("Caller", "+14158675309"),
        ("Digits", "1234"),
        ("From", "+14158675309"),
        ("To", "+18005551212"),
    ];

    /// <summary>Whether the filter lets a form through to the route; a refusal must be a 403.</summary>
    private static async Task<bool> Accepted(string token, string url, IEnumerable<(string Name, string Value)> fields, string? signature)
    {
        // The public base is taken as written: Uri would drop a default port the test means to send.
        var pathStart = url.IndexOf('/', url.IndexOf("://", StringComparison.Ordinal) + 3);
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.Path = new PathString(url[pathStart..].Split('?')[0]);
        http.Request.QueryString = new QueryString(url[pathStart..].Contains('?') ? url[url.IndexOf('?')..] : "");
        http.Request.ContentType = "application/x-www-form-urlencoded";
        http.Request.Body = await new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))).ReadAsStreamAsync();
        if (signature is not null)
        {
            http.Request.Headers[TwilioWebhook.SignatureHeader] = signature;
        }

        using var budget = new WebhookBudget(1000);
        var filter = new TwilioWebhook(new TwilioSettings { AuthToken = token }, new TwilioUrls(url[..pathStart]), budget, NullLogger<TwilioWebhook>.Instance);
        var passed = false;
        var result = await filter.InvokeAsync(new DefaultEndpointFilterInvocationContext(http), _ =>
        {
            passed = true;
            return ValueTask.FromResult<object?>(null);
        });

        if (!passed)
        {
            Assert.Equal(StatusCodes.Status403Forbidden, Assert.IsType<ProblemHttpResult>(result).StatusCode);
        }

        return passed;
    }

    [Fact]
    public async Task The_public_vector_is_accepted()
    {
        Assert.True(await Accepted(Token, VectorUrl, VectorFields, VectorSignature));
        Assert.Equal(VectorSignature, IndependentTwilioSigner.Sign(Token, VectorUrl, VectorFields));
    }

    [Fact]
    public async Task The_field_order_of_the_request_does_not_matter()
    {
        Assert.True(await Accepted(Token, VectorUrl, VectorFields.Reverse(), VectorSignature));
    }

    [Theory]
    [InlineData("https://mycompany.com:443/myapp.php?foo=1&bar=2", "https://mycompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=2", "https://mycompany.com:443/myapp.php?foo=1&bar=2")]
    [InlineData("http://hotline.example:80/channels/twilio/sms", "http://hotline.example/channels/twilio/sms")]
    [InlineData("http://hotline.example/channels/twilio/sms", "http://hotline.example:8080/channels/twilio/sms")]
    [InlineData("http://[::1]/channels/twilio/sms", "http://[::1]:8080/channels/twilio/sms")]
    public async Task A_signature_over_the_url_with_or_without_the_port_is_accepted(string signedUrl, string requestUrl)
    {
        var fields = new[] { ("MessageSid", "SM" + new string('a', 32)), ("Body", "路灯不亮") };
        var signature = IndependentTwilioSigner.Sign("secret-token", signedUrl, fields);

        Assert.True(await Accepted("secret-token", requestUrl, fields, signature));
    }

    [Fact]
    public async Task Any_change_to_token_url_or_fields_is_refused()
    {
        var fields = VectorFields.ToList();
        Assert.False(await Accepted("54321", VectorUrl, fields, VectorSignature));
        Assert.False(await Accepted(Token, VectorUrl.Replace("foo=1", "foo=2"), fields, VectorSignature));
        Assert.False(await Accepted(Token, "https://evil.example" + VectorPath, fields, VectorSignature));
        Assert.False(await Accepted(Token, VectorUrl, fields.Append(("Extra", "1")), VectorSignature));
        Assert.False(await Accepted(Token, VectorUrl, fields.Skip(1), VectorSignature));
        Assert.False(await Accepted(Token, VectorUrl, fields.Select(f => f.Item1 == "Digits" ? (f.Item1, "9999") : f), VectorSignature));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 at all")]
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B8")]
    public async Task Missing_or_garbled_signatures_are_refused(string? signature)
    {
        Assert.False(await Accepted(Token, VectorUrl, VectorFields, signature));
    }

    [Fact]
    public async Task No_token_accepts_nothing()
    {
        Assert.False(await Accepted("", VectorUrl, VectorFields, IndependentTwilioSigner.Sign("", VectorUrl, VectorFields)));
    }

    [Fact]
    public async Task A_repeated_field_is_checked_as_the_twilio_library_reads_it_its_values_joined_by_commas()
    {
        var fields = new[] { ("MediaUrl", "https://b.example"), ("MediaUrl", "https://a.example"), ("A", "1") };
        var signature = IndependentTwilioSigner.Sign(Token, VectorUrl, [("A", "1"), ("MediaUrl", "https://b.example,https://a.example")]);

        Assert.True(await Accepted(Token, VectorUrl, fields, signature));
        Assert.False(await Accepted(Token, VectorUrl, fields.Reverse(), signature));
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
    public void A_default_port_written_out_is_dropped_from_the_request_url_and_nothing_else_is_changed()
    {
        var request = new DefaultHttpContext().Request;
        request.Scheme = "http";
        request.Host = new HostString("Hotline.Example", 80);
        request.Path = "/channels/twilio/sms";

        Assert.Equal("http://Hotline.Example/channels/twilio/sms", new TwilioUrls(null).RequestUrl(request));
        Assert.Equal("https://Hotline.Example.gov.cn/12345/channels/twilio/sms",
            new TwilioUrls("https://Hotline.Example.gov.cn:443/12345/").RequestUrl(request));
        Assert.Equal("https://[::1]/channels/twilio/sms", new TwilioUrls("https://[::1]:443").RequestUrl(request));
        Assert.Equal("https://hotline.example:8443/channels/twilio/sms", new TwilioUrls("https://hotline.example:8443").RequestUrl(request));
        request.Host = new HostString("10.0.0.5", 443);
        Assert.Equal("http://10.0.0.5:443/channels/twilio/sms", new TwilioUrls(null).RequestUrl(request));
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
