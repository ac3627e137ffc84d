using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Observability;

public sealed class ObservabilityApiFactory() : ClockedApiFactory(TestStorage.Sqlite, ObservabilityTests.Monday);

/// <summary>
/// The dispatcher's meter is process-wide, so a test running beside this one would add its cards to these
/// buckets: the class runs alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMeters
{
    public const string Name = "process-wide-meters";
}

/// <summary>/metrics in Prometheus text with our instruments and Orleans'; the dashboard for admins only.</summary>
[Collection(ProcessWideMeters.Name)]
public sealed class ObservabilityTests(ObservabilityApiFactory api) : IClassFixture<ObservabilityApiFactory>
{
    public static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Metrics_expose_the_deadline_lateness_histogram_intake_by_channel_and_orleans_meters()
    {
        var created = await api.ClientFor(TestUsers.Operator).PostAsJsonAsync("/api/v1/tickets",
            new { channel = "wechat", content = "垃圾桶满了没人清运", type = "complaint", address = "花园路5号" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK,
            (await api.ClientFor(TestUsers.Dispatcher).PostAsJsonAsync($"/api/v1/tickets/{id}/dispatch", new { lead = "CGJ" })).StatusCode);

        // The sign-for limit (two working hours) passed at 11:00; the cards are recorded by the next step, an hour late.
        api.Clock.SetUtcNow(Monday.AddHours(3));
        var supervised = await api.ClientFor(TestUsers.Supervisor).PostAsJsonAsync($"/api/v1/tickets/{id}/supervise", new { note = "请尽快签收" });
        Assert.Equal(2, (await supervised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cards").GetArrayLength());

        var text = await ScrapeUntil("hotline_deadline_lateness_seconds_count");
        Assert.Contains("# TYPE hotline_deadline_lateness_seconds histogram", text);
        Assert.Matches(@"hotline_deadline_lateness_seconds_bucket\{[^}]*kind=""red""[^}]*step=""sign""[^}]*le=""3600""\} [1-9]", text);
        Assert.Matches(@"hotline_deadline_lateness_seconds_bucket\{[^}]*kind=""red""[^}]*le=""900""\} 0", text);
        Assert.Matches(@"hotline_intake_total\{[^}]*channel=""wechat""[^}]*\} [1-9]", text);
        Assert.Matches(@"hotline_cards_total\{[^}]*kind=""yellow""", text);
        Assert.Contains("orleans_", text);
    }

    [Fact]
    public async Task The_dashboard_refuses_everyone_but_admins()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(TestUsers.Leader).GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(TestUsers.Supervisor).GetAsync("/dashboard")).StatusCode);
        var admin = await api.ClientWithToken(TestUsers.AdminToken).GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Contains("html", await admin.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The exporter answers from a short cache, so a just-recorded value may need one more scrape.</summary>
    private async Task<string> ScrapeUntil(string expected)
    {
        var client = api.CreateClient();
        var text = "";
        for (var attempt = 0; attempt < 40 && !text.Contains(expected, StringComparison.Ordinal); attempt++)
        {
            if (attempt > 0) await Task.Delay(250);
            var response = await client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
        }

        return text;
    }
}
