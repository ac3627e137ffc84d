using System.Net;
using HotlineDispatch.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace HotlineDispatch.Tests.Http;

/// <summary>What probing a running silo found: list filters at the edge of the calendar, a page past any list, the data's file modes.</summary>
public sealed class ProbedHolesTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    [Theory]
    [InlineData("/api/v1/tickets?to=9999-12-31")]
    [InlineData("/api/v1/tickets?from=0001-01-01")]
    [InlineData("/api/v1/incidents?to=9999-12-31")]
    [InlineData("/api/v1/incidents?from=9999-12-31T23:59:59-08:00")]
    [InlineData("/api/v1/alerts?page=2147483647&pageSize=500")]
    [InlineData("/api/v1/outbox?page=2147483647&pageSize=500")]
    public async Task A_filter_or_page_out_of_range_is_a_400_not_a_500(string query)
    {
        var response = await api.ClientWithToken(TestUsers.AdminToken).GetAsync(query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void The_data_directory_and_its_databases_are_the_owners_alone()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var dataDir = api.Service<IConfiguration>()["Hotline:DataDir"]!;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dataDir));
        var files = Directory.GetFiles(dataDir, "*.db*");
        Assert.Contains(files, f => f.EndsWith("readmodel.db-wal", StringComparison.Ordinal));
        foreach (var file in files)
        {
            Assert.Equal((file, UnixFileMode.UserRead | UnixFileMode.UserWrite), (file, File.GetUnixFileMode(file)));
        }
    }
}
