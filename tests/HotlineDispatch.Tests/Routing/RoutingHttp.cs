using System.Net.Http.Json;
using System.Text.Json;
using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Routing;

/// <summary>Small helpers the routing HTTP tests share.</summary>
public static class RoutingHttp
{
    public static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Waits until the router model is trained (intake does not wait for it beyond a moment).</summary>
    public static async Task RouterReady(this HotlineApiFactory api) => await Ok(await api.Analyze("路灯不亮"));

    public static Task<HttpResponseMessage> Analyze(this HotlineApiFactory api, string text, TestUser? user = null, string channel = "chat") =>
        api.ClientFor(user ?? TestUsers.Operator).PostAsJsonAsync("/api/v1/analyze", new { text, channel });

    public static async Task<JsonElement> CreateTicket(this HotlineApiFactory api, string content, string? gridCell = "G-7", string address = "春晖路3号") =>
        await Ok(await api.ClientFor(TestUsers.Operator).PostAsJsonAsync("/api/v1/tickets", new
        {
            channel = "call",
            caller = new { name = "王五", phone = "13900001111", anonymous = false },
            address,
            gridCell,
            content,
            type = "complaint",
            urgent = false,
        }));

    public static Task<HttpResponseMessage> Step(this HotlineApiFactory api, TestUser user, string id, string step, object body) =>
        api.ClientFor(user).PostAsJsonAsync($"/api/v1/tickets/{id}/{step}", body);

    public static string Department(this JsonElement analysis) => analysis.GetProperty("department").GetProperty("code").GetString()!;
}
