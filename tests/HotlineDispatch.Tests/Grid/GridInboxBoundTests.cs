using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Grid;

public sealed class SmallInboxApiFactory() : ChannelsApiFactory(TestStorage.Sqlite,
    ("Hotline:Groups:BridgeSecret", BridgeSecret), ("Hotline:Grid:MaxInbox", "2"));

/// <summary>A cell's inbox is bounded: past it the bridge is told to post again later, and nothing is kept or lost.</summary>
public sealed class GridInboxBoundTests(SmallInboxApiFactory api) : IClassFixture<SmallInboxApiFactory>
{
    [Fact]
    public async Task A_full_inbox_refuses_the_next_request_until_one_is_answered()
    {
        var admin = api.ClientWithToken(TestUsers.AdminToken);
        var (groupId, cell) = ("grp" + Guid.NewGuid().ToString("N")[..10], "cell-" + Guid.NewGuid().ToString("N")[..8]);
        (await admin.PutAsJsonAsync($"/api/v1/groups/{groupId}", new { name = "春晖社区3网格群", gridCell = cell })).EnsureSuccessStatusCode();
        var requests = new[] { "8栋后面那个垃圾房三天没人清了，桶满得盖子都盖不上，味道很大", "3栋门口的路灯坏了一个星期了，晚上黑漆漆的，麻烦派人修一下",
            "小区东门的下水道堵了，污水漫到路面上，麻烦尽快派人疏通" }.Select(text => BridgeRequests.Message(text)).ToList();
        foreach (var request in requests.Take(2))
        {
            Assert.True((await (await BridgeRequests.Post(api.CreateClient(), groupId, request)).Content.ReadFromJsonAsync<JsonElement>())
                .GetProperty("request").GetBoolean());
        }

        var refused = await BridgeRequests.Post(api.CreateClient(), groupId, requests[2]);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        var inbox = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/grid/{cell}/inbox")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, inbox.Count);

        var first = inbox[0].GetProperty("messageId").GetString();
        (await admin.PostAsJsonAsync($"/api/v1/grid/{cell}/inbox/{first}/settle", new { note = "已联系物业清运" })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await BridgeRequests.Post(api.CreateClient(), groupId, requests[2])).StatusCode);
    }
}
