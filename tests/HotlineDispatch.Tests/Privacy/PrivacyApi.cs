using System.Net.Http.Json;
using System.Text.Json;
using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Privacy;

/// <summary>What the privacy tests do over HTTP: log tickets and read the audit.</summary>
public static class PrivacyApi
{
    public static object Ticket(string phone, bool anonymous = false, string content = "小区门口路灯不亮一周了") => new
    {
        channel = "call",
        caller = new { name = "李四", phone, anonymous },
        address = "春晖路3号",
        gridCell = "G-7",
        content,
        type = "complaint",
    };

    public static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<string> CreateAsync(HttpClient client, object ticket) =>
        (await Ok(await client.PostAsJsonAsync("/api/v1/tickets", ticket))).GetProperty("id").GetString()!;

    public static async Task StepAsync(HotlineApiFactory api, TestUser user, string id, string step, object body) =>
        await Ok(await api.ClientFor(user).PostAsJsonAsync($"/api/v1/tickets/{id}/{step}", body));

    /// <summary>The statistics and the assessment's departments as a leader reads them (the month so far ends now, so not its bounds).</summary>
    public static async Task<string> MeasuresAsync(HotlineApiFactory api)
    {
        var leader = api.ClientFor(TestUsers.Leader);
        return (await Ok(await leader.GetAsync("/api/v1/stats?by=department"))).GetRawText()
            + (await Ok(await leader.GetAsync("/api/v1/assessment"))).GetProperty("departments").GetRawText();
    }

    /// <summary>The audit rows matching the query, newest first.</summary>
    public static async Task<IReadOnlyList<JsonElement>> AuditAsync(HotlineApiFactory api, string query) =>
        (await Ok(await api.ClientWithToken(TestUsers.AdminToken).GetAsync($"/api/v1/audit?pageSize=500&{query}")))
            .GetProperty("items").EnumerateArray().ToList();
}
