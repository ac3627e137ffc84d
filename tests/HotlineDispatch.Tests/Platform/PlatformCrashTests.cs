using System.Net.Http.Json;
using System.Text.Json;
using HotlineDispatch.Tests.Infrastructure;
using static HotlineDispatch.Tests.Routing.RoutingHttp;

namespace HotlineDispatch.Tests.Platform;

/// <summary>
/// Callbacks up survive a silo killed between the steps and their delivery: the platform is unreachable while the
/// steps are taken, the silo is killed with the callbacks waiting, and after the restart each arrives once, signed.
/// </summary>
public sealed class PlatformCrashTests
{
    [Fact]
    public async Task Sign_reply_and_survey_reach_the_platform_once_each_across_a_kill()
    {
        var port = FreePorts.Next();
        await using var platform = new StandInPlatform(port, PlatformSettings.Secret);
        var settings = new Dictionary<string, string?>
        {
            ["Hotline:DataDir"] = TestStorage.TempDirectory(),
            ["Hotline:Auth:AdminToken"] = TestUsers.AdminToken,
            ["Hotline:Cluster:SiloPort"] = FreePorts.Next().ToString(),
            ["Hotline:Cluster:GatewayPort"] = FreePorts.Next().ToString(),
        };
        foreach (var (key, value) in PlatformSettings.ForSilo(port))
        {
            settings[key] = value;
        }

        string id;
        await using (var silo = await SiloProcess.StartAsync(settings))
        {
            var admin = silo.Client(TestUsers.AdminToken);
            var pushed = await silo.Client("").SendAsync(platform.Push(PlatformSettings.Push("SZ12345-crash-1"), DateTimeOffset.UtcNow));
            id = (await Ok(pushed)).GetProperty("id").GetString()!;
            foreach (var (step, body) in new (string, object)[]
                     {
                         ("dispatch", new { lead = "CGJ" }),
                         ("sign", new { department = "CGJ" }),
                         ("reply", new { department = "CGJ", result = "已清理" }),
                         ("survey", new { rating = "basic" }),
                     })
            {
                await Ok(await admin.PostAsJsonAsync($"/api/v1/tickets/{id}/{step}", body));
            }

            // The three callbacks are durable and have been tried against the unreachable platform before the kill.
            for (var attempt = 0; attempt < 100; attempt++)
            {
                var rows = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/outbox?ticket={id}")).GetProperty("items").EnumerateArray()
                    .Where(r => r.GetProperty("replyTo").GetString()!.StartsWith("platform:", StringComparison.Ordinal)).ToList();
                if (rows.Count == 3 && rows.All(r => r.GetProperty("attempts").GetInt32() > 0))
                {
                    break;
                }

                await Task.Delay(100);
            }

            await silo.KillAsync();
        }

        await platform.StartAsync();
        await using var restarted = await SiloProcess.StartAsync(settings);
        var callbacks = await PlatformSettings.CallbacksFor(platform, id, 3);

        Assert.Equal(["replied", "signed", "surveyed"], callbacks.Select(c => c.Event).Order(StringComparer.Ordinal));
        Assert.All(callbacks, c => Assert.True(c.Signed));
    }
}
