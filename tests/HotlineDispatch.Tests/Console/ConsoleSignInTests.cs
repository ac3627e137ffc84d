using System.Net;
using HotlineDispatch.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HotlineDispatch.Tests.Console;

/// <summary>The console's sign-in over plain HTTP: the form, the cookie's attributes, and sign-ins posted from elsewhere.</summary>
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
}
