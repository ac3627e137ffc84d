using System.Net.Http.Json;
using System.Text.Json;
using HotlineDispatch.Tests.Infrastructure;
using Npgsql;

namespace HotlineDispatch.Tests.Processes;

/// <summary>Two silo processes on one empty PostgreSQL database form one cluster and keep every ticket through deaths and restarts.</summary>
public sealed class PostgresClusterTests
{
    private static Dictionary<string, string?> Settings(string connectionString, string clusterId, int siloPort, int gatewayPort) => new()
    {
        ["Hotline:Storage"] = "postgres",
        ["ConnectionStrings:Hotline"] = connectionString,
        ["Hotline:Auth:AdminToken"] = TestUsers.AdminToken,
        ["Hotline:DataDir"] = TestStorage.TempDirectory(),
        ["Hotline:Cluster:ClusterId"] = clusterId,
        ["Hotline:Cluster:ServiceId"] = "hotline-test",
        ["Hotline:Cluster:SiloPort"] = siloPort.ToString(),
        ["Hotline:Cluster:GatewayPort"] = gatewayPort.ToString(),
    };

    /// <summary>An empty database of its own and the settings of two silos of one new cluster on it.</summary>
    private static async Task<(string ConnectionString, string ClusterId, Dictionary<string, string?> A, Dictionary<string, string?> B)> TwoSilosAsync(string purpose)
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync(purpose);
        var clusterId = $"c{Guid.NewGuid():N}";
        return (connectionString, clusterId,
            Settings(connectionString, clusterId, FreePorts.Next(), FreePorts.Next()),
            Settings(connectionString, clusterId, FreePorts.Next(), FreePorts.Next()));
    }

    private static async Task<T> Scalar<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Creates a ticket, retrying the 503 a client gets while a dead silo's grains have not moved yet.</summary>
    private static async Task<string> Create(HttpClient client, string content)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await client.PostAsJsonAsync("/api/v1/tickets", new
            {
                channel = "web", caller = new { phone = "13500000000" }, address = "江滨路", content, type = "report",
            });
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || attempt == 60)
            {
                response.EnsureSuccessStatusCode();
                return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            }

            await Task.Delay(1000);
        }
    }

    private static async Task<string> ReadState(HttpClient client, string id)
    {
        // After a silo dies, its grains move only once the cluster has declared it dead.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var ticket = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{id}");
                return ticket.GetProperty("state").GetString()!;
            }
            catch (Exception) when (attempt < 60)
            {
                await Task.Delay(1000);
            }
        }
    }

    [Fact]
    public async Task Two_silos_share_one_empty_database_and_keep_tickets_through_death_and_restart()
    {
        var (connectionString, clusterId, a, b) = await TwoSilosAsync("cluster");
        var httpA = FreePorts.Next();
        var httpB = FreePorts.Next();

        // Both start at once on the empty database: the schema must come out whole exactly once.
        var started = await Task.WhenAll(SiloProcess.StartAsync(a, httpA), SiloProcess.StartAsync(b, httpB));
        var (siloA, siloB) = (started[0], started[1]);
        string first;
        string second;
        try
        {
            Assert.Equal(1L, await Scalar<long>(connectionString, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'orleansquery'"));
            Assert.Equal(2L, await Scalar<long>(connectionString,
                $"SELECT count(*) FROM orleans_membership WHERE deployment_id = '{clusterId}' AND status = 3"));

            first = await Create(siloA.Client(TestUsers.AdminToken), "人行道地砖松动");
            (await siloA.Client(TestUsers.AdminToken).PostAsJsonAsync($"/api/v1/tickets/{first}/dispatch", new { lead = "JTJ" })).EnsureSuccessStatusCode();
            Assert.Equal("dispatched", await ReadState(siloB.Client(TestUsers.AdminToken), first));

            await siloA.KillAsync();
            Assert.Equal("dispatched", await ReadState(siloB.Client(TestUsers.AdminToken), first));
            second = await Create(siloB.Client(TestUsers.AdminToken), "路口红绿灯不亮");
            Assert.NotEqual(first, second);
        }
        finally
        {
            await siloA.DisposeAsync();
            await siloB.DisposeAsync();
        }

        var restarted = await Task.WhenAll(SiloProcess.StartAsync(a, httpA), SiloProcess.StartAsync(b, httpB));
        await using var newA = restarted[0];
        await using var newB = restarted[1];
        Assert.Equal("dispatched", await ReadState(newA.Client(TestUsers.AdminToken), first));
        Assert.Equal("accepted", await ReadState(newB.Client(TestUsers.AdminToken), second));
        Assert.Equal("accepted", await ReadState(newA.Client(TestUsers.AdminToken), second));
    }

    [Fact]
    public async Task After_a_power_cut_the_first_silo_started_again_serves_every_ticket_of_both()
    {
        var (connectionString, clusterId, a, b) = await TwoSilosAsync("powercut");
        var httpA = FreePorts.Next();
        var started = await Task.WhenAll(SiloProcess.StartAsync(a, httpA), SiloProcess.StartAsync(b));
        var ids = new List<string>();
        await using (var siloA = started[0])
        await using (var siloB = started[1])
        {
            // The shortened liveness settings are the ones Orleans runs with.
            Assert.Contains("IAmAliveTablePublishTimeout: 00:00:03", siloA.Output);
            Assert.Contains("ProbeTimeout: 00:00:03", siloA.Output);
            for (var i = 0; i < 6; i++)
            {
                ids.Add(await Create((i % 2 == 0 ? siloA : siloB).Client(TestUsers.AdminToken), $"停电前的第{i}张工单：井盖缺失"));
            }

            foreach (var id in ids)
            {
                Assert.Equal("accepted", await ReadState(siloA.Client(TestUsers.AdminToken), id));
                Assert.Equal("accepted", await ReadState(siloB.Client(TestUsers.AdminToken), id));
            }

            await Task.WhenAll(siloA.KillAsync(), siloB.KillAsync());
        }

        // Both rows still say Active; the silo must not wait minutes for the dead one to be declared dead.
        await using var first = await SiloProcess.StartAsync(a, httpA);
        var client = first.Client(TestUsers.AdminToken);
        foreach (var id in ids)
        {
            Assert.Equal("accepted", await ReadState(client, id));
        }

        var after = await Create(client, "来电后新建的工单");
        Assert.Equal("accepted", await ReadState(client, after));
        Assert.Equal(1L, await Scalar<long>(connectionString,
            $"SELECT count(*) FROM orleans_membership WHERE deployment_id = '{clusterId}' AND status = 3"));
    }

    [Fact]
    public async Task A_liveness_setting_that_cannot_work_stops_the_silo_naming_it()
    {
        var settings = Settings(await TestPostgres.CreateDatabaseAsync("liveness"), $"c{Guid.NewGuid():N}", FreePorts.Next(), FreePorts.Next());
        settings["Hotline:Cluster:IAmAlivePeriod"] = "00:00:00";
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync(settings));
        Assert.Contains("Hotline:Cluster:IAmAlivePeriod", failure.Message);
    }
}
