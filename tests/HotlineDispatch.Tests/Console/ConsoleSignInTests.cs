using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HotlineDispatch.Tests.Console;

/// <summary>
/// The console's sign-in over plain HTTP: the form, the cookie's attributes, sign-ins posted from elsewhere, and what
/// the session tells the pages a user may do.
/// </summary>
public sealed class ConsoleSignInTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    private HttpClient Client() => api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static FormUrlEncodedContent Token(string token) => new([KeyValuePair.Create("token", token)]);

    [Fact]
    public async Task The_login_form_has_a_token_field_and_a_good_token_gets_a_secure_http_only_cookie_and_the_users_page()
    {
        var form = await Client().GetStringAsync("/console/login");
        Assert.Contains("name=\"token\"", form);
        Assert.Contains("type=\"submit\"", form);

        var signedIn = await Client().PostAsync("/console/login", Token(TestUsers.Cgj.Token));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/console/department", signedIn.Headers.Location?.OriginalString);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("hotline.console=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("secure", cookie);
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
        Assert.DoesNotContain(TestUsers.Cgj.Token, signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_wrong_token_and_a_sign_in_posted_from_another_site_are_refused_and_pages_need_a_session()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client().PostAsync("/console/login", Token("wrong-token-000000"))).StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Post, "/console/login") { Content = Token(TestUsers.Operator.Token) };
        request.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await Client().SendAsync(request)).StatusCode);

        var page = await Client().GetAsync("/console/leader");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/console/login", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client().GetAsync("/console/session")).StatusCode);
    }

    [Fact]
    public async Task The_session_offers_the_alert_board_and_its_button_to_exactly_the_roles_the_api_lets_read_and_acknowledge()
    {
        foreach (var user in TestUsers.All.Append(new TestUser("admin", Roles.Admin, TestUsers.AdminToken)))
        {
            using var client = api.ClientFor(user);
            var offered = (await client.GetFromJsonAsync<JsonElement>("/console/session")).GetProperty("alerts");
            var read = (await client.GetAsync("/api/v1/alerts?open=true")).StatusCode;
            var acknowledge = (await client.PostAsync("/api/v1/alerts/no-such-alert/acknowledge", null)).StatusCode;
            Assert.Contains(read, new[] { HttpStatusCode.OK, HttpStatusCode.Forbidden });
            Assert.Contains(acknowledge, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });
            Assert.True(offered.GetProperty("read").GetBoolean() == (read == HttpStatusCode.OK), $"{user.Role} reads alerts: {read}");
            Assert.True(offered.GetProperty("acknowledge").GetBoolean() == (acknowledge == HttpStatusCode.NotFound),
                $"{user.Role} acknowledges alerts: {acknowledge}");
        }
    }
}
