using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Open311;

public sealed class SqliteOpen311ApiFactory() : HotlineApiFactory(TestStorage.Sqlite, ("Hotline:Open311:ApiKeys:0", Open311ApiTests.ApiKey));

public sealed class PostgresOpen311ApiFactory() : HotlineApiFactory(TestStorage.Postgres, ("Hotline:Open311:ApiKeys:0", Open311ApiTests.ApiKey));

/// <summary>
/// A GeoReport v2 client, written here from the spec (form-encoded POST, JSON and XML reads), against
/// /open311/v2: a request becomes an open311 ticket and reads back in both formats as it moves on.
/// </summary>
public abstract class Open311ApiTests(HotlineApiFactory api)
{
    public const string ApiKey = "open311-test-key-0001";

    private readonly HttpClient _client = api.CreateClient();

    private Task<HttpResponseMessage> PostRequest(params (string Name, string Value)[] fields) =>
        _client.PostAsync("/open311/v2/requests.json",
            new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));

    private async Task<JsonElement> JsonRecord(string id)
    {
        var response = await _client.GetAsync($"/open311/v2/requests/{id}.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Single();
    }

    private async Task<XElement> XmlRecord(string id)
    {
        var response = await _client.GetAsync($"/open311/v2/requests/{id}.xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("service_requests", document.Root!.Name.LocalName);
        return document.Root.Elements("request").Single();
    }

    [Fact]
    public async Task A_client_request_becomes_a_ticket_and_reads_back_in_json_and_xml_as_it_moves_on()
    {
        var services = XDocument.Parse(await _client.GetStringAsync("/open311/v2/services.xml"));
        Assert.Contains(services.Root!.Elements("service"), s => (string?)s.Element("service_code") == "CGJ" && (string?)s.Element("service_name") == "城市管理局");

        var posted = await PostRequest(("api_key", ApiKey), ("service_code", "CGJ"), ("lat", "31.2304"), ("long", "121.4737"),
            ("address_string", "人民路12号"), ("description", "人行道井盖缺失，夜里很危险"), ("first_name", "小明"), ("last_name", "李"),
            ("phone", "13900002222"), ("media_url", "https://example.org/photo.jpg"));
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        var id = (await posted.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("service_request_id").GetString()!;

        var ticket = await api.ClientFor(TestUsers.Operator).GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{id}");
        Assert.Equal(("open311", "人行道井盖缺失，夜里很危险", "李小明"), (ticket.GetProperty("channel").GetString(),
            ticket.GetProperty("content").GetString(), ticket.GetProperty("caller").GetProperty("name").GetString()));

        var json = await JsonRecord(id);
        Assert.Equal(("open", "CGJ", "城市管理局", "12345政务服务便民热线", 31.2304),
            (json.GetProperty("status").GetString(), json.GetProperty("service_code").GetString(), json.GetProperty("service_name").GetString(),
                json.GetProperty("agency_responsible").GetString(), json.GetProperty("lat").GetDouble()));
        Assert.EndsWith("+08:00", json.GetProperty("requested_datetime").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("expected_datetime").ValueKind);

        var dispatched = await api.ClientFor(TestUsers.Dispatcher).PostAsJsonAsync($"/api/v1/tickets/{id}/dispatch", new { lead = "CGJ" });
        var replyBy = (await dispatched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replyBy").GetString();
        var xml = await XmlRecord(id);
        // Open311 gives whole seconds; our view keeps the fraction.
        var expected = DateTimeOffset.Parse(replyBy!);
        var promised = DateTimeOffset.Parse((string?)xml.Element("expected_datetime") ?? "");
        Assert.InRange(expected - promised, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.Equal(("open", "城市管理局", "已派至城市管理局，等待签收。"),
            ((string?)xml.Element("status"), (string?)xml.Element("agency_responsible"), (string?)xml.Element("status_notes")));
        Assert.Equal("https://example.org/photo.jpg", (string?)xml.Element("media_url"));

        await api.ClientFor(TestUsers.Cgj).PostAsJsonAsync($"/api/v1/tickets/{id}/sign", new { department = "CGJ" });
        await api.ClientFor(TestUsers.Cgj).PostAsJsonAsync($"/api/v1/tickets/{id}/reply", new { department = "CGJ", result = "已补装井盖" });
        json = await JsonRecord(id);
        Assert.Equal(("closed", "城市管理局已办结并反馈。"), (json.GetProperty("status").GetString(), json.GetProperty("status_notes").GetString()));
        Assert.True(DateTimeOffset.Parse(json.GetProperty("updated_datetime").GetString()!) >= DateTimeOffset.Parse(json.GetProperty("requested_datetime").GetString()!));

        var closed = XDocument.Parse(await _client.GetStringAsync("/open311/v2/requests.xml?status=closed&service_code=CGJ"));
        Assert.Contains(closed.Root!.Elements("request"), r => (string?)r.Element("service_request_id") == id);
        var open = await _client.GetFromJsonAsync<JsonElement>("/open311/v2/requests.json?status=open");
        Assert.DoesNotContain(open.EnumerateArray(), r => r.GetProperty("service_request_id").GetString() == id);
    }

    [Fact]
    public async Task Errors_come_in_the_open311_shape()
    {
        var noKey = await PostRequest(("service_code", "CGJ"), ("address_string", "x"), ("description", "y"));
        Assert.Equal(HttpStatusCode.Forbidden, noKey.StatusCode);
        var error = (await noKey.Content.ReadFromJsonAsync<JsonElement>())[0];
        Assert.Equal(403, error.GetProperty("code").GetInt32());

        var unknownService = await PostRequest(("api_key", ApiKey), ("service_code", "NOPE"), ("address_string", "x"));
        Assert.Equal(HttpStatusCode.BadRequest, unknownService.StatusCode);
        var noLocation = await PostRequest(("api_key", ApiKey), ("service_code", "CGJ"), ("description", "y"));
        Assert.Equal(HttpStatusCode.BadRequest, noLocation.StatusCode);
        // A field the ticket refuses (here an address longer than any street's) is a 400 in the Open311 shape, not a 500.
        var endless = await PostRequest(("api_key", ApiKey), ("service_code", "CGJ"), ("address_string", new string('路', 5000)), ("description", "y"));
        Assert.Equal(HttpStatusCode.BadRequest, endless.StatusCode);
        Assert.Equal(400, (await endless.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("code").GetInt32());

        var missing = await _client.GetAsync("/open311/v2/requests/20990101-000001.xml");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var errors = XDocument.Parse(await missing.Content.ReadAsStringAsync());
        Assert.Equal(("errors", "404"), (errors.Root!.Name.LocalName, (string?)errors.Root.Element("error")?.Element("code")));
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync("/open311/v2/requests.json?status=maybe")).StatusCode);
    }

    [Fact]
    public async Task A_control_character_is_dropped_at_intake_and_the_xml_listing_still_reads()
    {
        var posted = await PostRequest(("api_key", ApiKey), ("service_code", "CGJ"), ("address_string", "人民路\u000112号"),
            ("description", "井盖\u0001缺失\u001b，\n夜里\t很危险"));
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        var id = (await posted.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("service_request_id").GetString()!;

        var listing = await _client.GetAsync("/open311/v2/requests.xml");
        Assert.Equal(HttpStatusCode.OK, listing.StatusCode);
        var request = XDocument.Parse(await listing.Content.ReadAsStringAsync()).Root!.Elements("request")
            .Single(r => (string?)r.Element("service_request_id") == id);
        Assert.Equal(("井盖缺失，\n夜里\t很危险", "人民路12号"), ((string?)request.Element("description"), (string?)request.Element("address")));
    }

    [Fact]
    public async Task A_body_too_large_is_refused_before_its_key_is_looked_at()
    {
        var huge = await PostRequest(("api_key", "not-a-key"), ("description", new string('x', 200_000)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        var login = await _client.PostAsync("/console/login", new FormUrlEncodedContent([KeyValuePair.Create("token", new string('x', 20_000))]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, login.StatusCode);
    }
}

public sealed class SqliteOpen311ApiTests(SqliteOpen311ApiFactory api) : Open311ApiTests(api), IClassFixture<SqliteOpen311ApiFactory>;

public sealed class PostgresOpen311ApiTests(PostgresOpen311ApiFactory api) : Open311ApiTests(api), IClassFixture<PostgresOpen311ApiFactory>;
