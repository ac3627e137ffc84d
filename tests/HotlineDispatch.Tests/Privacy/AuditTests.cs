using System.Net;
using System.Net.Http.Json;
using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Privacy;

/// <summary>The access audit over HTTP: every view of a full number or an anonymous reporter, every export, user change and failed sign-in.</summary>
public sealed class AuditTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task A_full_number_shown_is_audited_with_who_and_where_but_a_masked_number_is_not()
    {
        var id = await PrivacyApi.CreateAsync(api.ClientFor(TestUsers.Operator), PrivacyApi.Ticket("13911112222"));
        Assert.Empty(await PrivacyApi.AuditAsync(api, $"subject={id}"));

        await PrivacyApi.Ok(await api.ClientFor(TestUsers.Supervisor).GetAsync($"/api/v1/tickets/{id}"));
        await PrivacyApi.Ok(await api.ClientFor(TestUsers.Dispatcher).PostAsJsonAsync($"/api/v1/tickets/{id}/dispatch", new { lead = "CGJ" }));
        await PrivacyApi.Ok(await api.ClientFor(TestUsers.Cgj).GetAsync($"/api/v1/tickets/{id}"));

        var rows = await PrivacyApi.AuditAsync(api, $"subject={id}");
        Assert.Equal(["disp1", "sup1"], rows.Select(r => r.GetProperty("actor").GetString()));
        Assert.All(rows, r =>
        {
            Assert.Equal("view-phone", r.GetProperty("action").GetString());
            Assert.Equal("139****2222", r.GetProperty("detail").GetString());
        });
    }

    [Fact]
    public async Task An_anonymous_reporter_shown_to_the_operator_who_took_the_report_is_audited()
    {
        var id = await PrivacyApi.CreateAsync(api.ClientFor(TestUsers.Operator), PrivacyApi.Ticket("13922223333", anonymous: true));
        await PrivacyApi.Ok(await api.ClientFor(TestUsers.Operator2).GetAsync($"/api/v1/tickets/{id}"));
        Assert.Empty(await PrivacyApi.AuditAsync(api, $"subject={id}"));

        await PrivacyApi.Ok(await api.ClientFor(TestUsers.Operator).GetAsync($"/api/v1/tickets/{id}"));

        var row = Assert.Single(await PrivacyApi.AuditAsync(api, $"subject={id}"));
        Assert.Equal("view-anonymous", row.GetProperty("action").GetString());
        Assert.Equal("op1", row.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Lists_of_numbers_and_exports_are_audited_without_the_number_they_were_asked_for()
    {
        await PrivacyApi.Ok(await api.ClientFor(TestUsers.Supervisor).GetAsync("/api/v1/outbox?replyTo=sms:+8613933334444"));
        Assert.Equal(HttpStatusCode.OK, (await api.ClientFor(TestUsers.Leader).GetAsync("/api/v1/exports/stats.csv?by=department")).StatusCode);

        var outbox = Assert.Single(await PrivacyApi.AuditAsync(api, "subject=outbox&actor=sup1"));
        Assert.Equal("view-phone", outbox.GetProperty("action").GetString());
        Assert.Contains("****4444", outbox.GetProperty("detail").GetString());
        Assert.DoesNotContain("13933334444", outbox.GetRawText());
        var export = Assert.Single(await PrivacyApi.AuditAsync(api, "action=export&actor=lead1"));
        Assert.Contains("/api/v1/exports/stats.csv", export.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task User_changes_and_failed_sign_ins_are_audited_and_only_admins_read_the_audit()
    {
        var admin = api.ClientWithToken(TestUsers.AdminToken);
        await PrivacyApi.Ok(await admin.PutAsJsonAsync("/api/v1/users/audited-user", new { role = "leader", token = "a-token-of-sixteen-chars" }));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/users/audited-user")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.ClientWithToken("no-such-token-at-all").GetAsync("/api/v1/tickets")).StatusCode);

        var changes = await PrivacyApi.AuditAsync(api, "action=user-change&subject=audited-user");
        Assert.Equal(["removed", "role=leader"], changes.Select(r => r.GetProperty("detail").GetString()));
        Assert.All(changes, r => Assert.Equal("admin", r.GetProperty("actor").GetString()));
        var failure = (await PrivacyApi.AuditAsync(api, "action=sign-in-failure")).First();
        Assert.Equal("anonymous", failure.GetProperty("actor").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(TestUsers.Supervisor).GetAsync("/api/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/audit?action=nonsense")).StatusCode);
        var page = await PrivacyApi.Ok(await admin.GetAsync("/api/v1/audit?page=1&pageSize=1"));
        Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.True(page.GetProperty("total").GetInt32() >= 3);
    }
}
