using HotlineDispatch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace HotlineDispatch.Tests.Storage;

/// <summary>
/// The grain storage's contract on each engine: what one write stores the next read returns, versions
/// count up, and a write from a stale version is refused. On SQLite the writes of many grains share
/// a commit, so they are made at once.
/// </summary>
public abstract class GrainStateStorageTests(ClusterFixture fixture)
{
    private const string StateName = "storage-test";

    private IGrainStorage Storage => fixture.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Hotline);

    private static GrainId NewGrain() => GrainId.Create("storage-test", $"g-{Guid.NewGuid():N}");

    [Fact]
    public async Task Writes_made_at_once_are_each_read_back_at_their_own_version()
    {
        var grains = Enumerable.Range(0, 200).Select(_ => NewGrain()).ToList();
        var states = grains.Select((_, i) => new GrainState<List<string>>([$"第{i}条"])).ToList();

        await Task.WhenAll(grains.Select((grain, i) => Storage.WriteStateAsync(StateName, grain, states[i])));
        states[7].State!.Add("又一条");
        await Storage.WriteStateAsync(StateName, grains[7], states[7]);

        for (var i = 0; i < grains.Count; i++)
        {
            var read = new GrainState<List<string>>();
            await Storage.ReadStateAsync(StateName, grains[i], read);
            Assert.Equal(states[i].State, read.State);
            Assert.Equal((states[i].ETag, true), (read.ETag, read.RecordExists));
        }

        Assert.Equal(("1", "2"), (states[0].ETag, states[7].ETag));
    }

    [Fact]
    public async Task A_write_from_a_stale_version_is_refused_and_changes_nothing()
    {
        var grain = NewGrain();
        var first = new GrainState<List<string>>(["原文"]);
        await Storage.WriteStateAsync(StateName, grain, first);
        var stale = new GrainState<List<string>>(["旧的"]) { ETag = first.ETag };
        first.State!.Add("新的");
        await Storage.WriteStateAsync(StateName, grain, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grain, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grain, new GrainState<List<string>>(["无版本"])));

        var read = new GrainState<List<string>>();
        await Storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal(["原文", "新的"], read.State);
    }

    [Fact]
    public async Task A_refused_write_does_not_fail_the_writes_committed_with_it()
    {
        var grain = NewGrain();
        var current = new GrainState<List<string>>(["一"]);
        await Storage.WriteStateAsync(StateName, grain, current);
        var others = Enumerable.Range(0, 50).Select(_ => NewGrain()).ToList();

        var writes = others.Select(other => Storage.WriteStateAsync(StateName, other, new GrainState<List<string>>(["别的"]))).ToList();
        var refused = Storage.WriteStateAsync(StateName, grain, new GrainState<List<string>>(["冲突"]) { ETag = "99" });

        await Task.WhenAll(writes);
        await Assert.ThrowsAsync<InconsistentStateException>(() => refused);
        var read = new GrainState<List<string>>();
        await Storage.ReadStateAsync(StateName, others[^1], read);
        Assert.Equal(["别的"], read.State);
    }

    [Fact]
    public async Task Reminders_set_at_once_are_read_back_as_set_and_a_move_counts_their_version_up()
    {
        var table = fixture.Services.GetRequiredService<IReminderTable>();
        var start = new DateTime(2026, 12, 7, 9, 30, 15, 250, DateTimeKind.Utc);
        var entries = Enumerable.Range(0, 100).Select(i => new ReminderEntry
        {
            GrainId = NewGrain(), ReminderName = "deadlines", StartAt = start.AddSeconds(i), Period = TimeSpan.FromMinutes(1),
        }).ToList();

        var etags = await Task.WhenAll(entries.Select(table.UpsertRow));
        var moved = await table.UpsertRow(new ReminderEntry
        {
            GrainId = entries[3].GrainId, ReminderName = "deadlines", StartAt = start.AddDays(2), Period = TimeSpan.FromDays(30),
        });

        for (var i = 0; i < entries.Count; i++)
        {
            var read = await table.ReadRow(entries[i].GrainId, "deadlines");
            Assert.NotNull(read);
            var (at, period, etag) = i == 3 ? (start.AddDays(2), TimeSpan.FromDays(30), moved) : (entries[i].StartAt, entries[i].Period, etags[i]);
            Assert.Equal((at, period, etag), (read.StartAt, read.Period, read.ETag));
        }

        Assert.NotEqual(etags[3], moved);
        Assert.Contains(entries[99].GrainId, (await table.ReadRows(0, uint.MaxValue)).Reminders.Select(r => r.GrainId));
    }
}

public sealed class SqliteGrainStateStorageTests(SqliteClusterFixture fixture)
    : GrainStateStorageTests(fixture), IClassFixture<SqliteClusterFixture>;

public sealed class PostgresGrainStateStorageTests(PostgresClusterFixture fixture)
    : GrainStateStorageTests(fixture), IClassFixture<PostgresClusterFixture>;
