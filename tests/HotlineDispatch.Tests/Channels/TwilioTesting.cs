using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Channels;

/// <summary>The Twilio account the channel tests configure, and what they send as Twilio would.</summary>
public static class TwilioTesting
{
    public const string AuthToken = "twilio-auth-token-for-tests";
    public const string PublicBaseUrl = "https://hotline.example.gov.cn";

    public static (string, string)[] Settings(params (string, string)[] more) =>
        [("Hotline:Twilio:AuthToken", AuthToken), ("Hotline:PublicBaseUrl", PublicBaseUrl), .. more];

    public static string MessageSid() => "SM" + Guid.NewGuid().ToString("N");

    public static string CallSid() => "CA" + Guid.NewGuid().ToString("N");

    /// <summary>A mainland mobile number no other test uses.</summary>
    public static string Phone() => "+86139" + Random.Shared.Next(10_000_000, 99_999_999);

    /// <summary>Posts a form to one of our Twilio routes, signed for the public URL by the independent signer unless a signature is given.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string pathAndQuery, IEnumerable<(string Name, string Value)> fields,
        string? signature = null, string? idempotencyToken = null)
    {
        var list = fields.ToList();
        var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery)
        {
            Content = new FormUrlEncodedContent(list.Select(f => KeyValuePair.Create(f.Name, f.Value))),
        };
        request.Headers.Add("X-Twilio-Signature", signature ?? IndependentTwilioSigner.Sign(AuthToken, PublicBaseUrl + pathAndQuery, list));
        if (idempotencyToken is not null)
        {
            request.Headers.Add("I-Twilio-Idempotency-Token", idempotencyToken);
        }

        return client.SendAsync(request);
    }

    public static (string, string)[] Sms(string sid, string from, string? body, params (string, string)[] more) =>
    [
        ("MessageSid", sid), ("SmsSid", sid), ("AccountSid", "AC" + new string('0', 32)), ("From", from), ("To", "+8612345"),
        .. body is null ? Array.Empty<(string, string)>() : [("Body", body)], ("FromCity", "杭州"),
        .. more.Any(f => f.Item1 == "NumMedia") ? more : [("NumMedia", "0"), .. more],
    ];

    /// <summary>The fields of a voice webhook or status callback for an inbound call.</summary>
    public static (string, string)[] Call(string sid, string from, params (string, string)[] more) =>
        [("CallSid", sid), ("AccountSid", "AC" + new string('0', 32)), ("From", from), ("To", "+8612345"), ("Direction", "inbound"), .. more];

    public static async Task<XElement> Twiml(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var root = XDocument.Parse(text).Root!;
        Assert.Equal("Response", root.Name.LocalName);
        return root;
    }

    /// <summary>The text of the one <c>&lt;Message&gt;</c> a TwiML answer carries.</summary>
    public static async Task<string> MessageText(HttpResponseMessage response) => Assert.Single((await Twiml(response)).Elements("Message")).Value;

    public static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<string> Problem(HttpResponseMessage response, System.Net.HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return text;
    }

    public static async Task<int> TicketCount(HotlineApiFactory api) =>
        (await Json(await api.ClientFor(TestUsers.Operator).GetAsync("/api/v1/tickets?pageSize=1"))).GetProperty("total").GetInt32();

    public static async Task<List<JsonElement>> OutboxRows(HotlineApiFactory api, string query, TestUser? reader = null) =>
        (await Json(await api.ClientFor(reader ?? TestUsers.Operator).GetAsync($"/api/v1/outbox?{query}")))
        .GetProperty("items").EnumerateArray().ToList();

    public static Task<HttpResponseMessage> Step(HotlineApiFactory api, TestUser user, string id, string step, object body) =>
        api.ClientFor(user).PostAsJsonAsync($"/api/v1/tickets/{id}/{step}", body);
}

public abstract class TwilioApiFactory(string storageKind, params (string, string)[] settings)
    : HotlineApiFactory(storageKind, TwilioTesting.Settings(settings));

public sealed class SqliteTwilioApiFactory() : TwilioApiFactory(TestStorage.Sqlite);

public sealed class PostgresTwilioApiFactory() : TwilioApiFactory(TestStorage.Postgres);
