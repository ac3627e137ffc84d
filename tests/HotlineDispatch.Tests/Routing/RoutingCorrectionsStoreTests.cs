using HotlineDispatch.Routing;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Silo.Routing;
using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Routing;

/// <summary>Corrections as read-model rows: numbered in the order recorded, once each, on both back ends.</summary>
public abstract class RoutingCorrectionsStoreTests(string storageKind) : IAsyncLifetime
{
    private ReadModelDatabase _database = null!;
    private SqlRoutingCorrections _store = null!;

    public async Task InitializeAsync()
    {
        _database = (await TestStorage.CreateAsync(storageKind)).ReadModel();
        _store = new SqlRoutingCorrections(_database);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static RoutingCorrection Correction(string ticket, int seq) =>
        new(ticket, seq, "楼上有人往下扔酒瓶", "CGJ", "GAJ", RoutingCorrection.Override, "disp1", new DateTimeOffset(2026, 11, 23, 9, seq, 0, TimeSpan.FromHours(8)));

    private async Task Record(params RoutingCorrection[] corrections)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        await _store.RecordAsync(connection, transaction, corrections);
        await transaction.CommitAsync();
    }

    [Fact]
    public async Task Corrections_are_numbered_in_the_order_recorded_and_a_repeated_one_is_skipped()
    {
        Assert.Equal(0, await _store.LatestAsync());
        await Record(Correction("t1", 2), Correction("t2", 3));
        await Record(Correction("t1", 2), Correction("t3", 1));

        Assert.Equal(3, await _store.LatestAsync());
        Assert.Equal([Correction("t1", 2), Correction("t2", 3), Correction("t3", 1)], await _store.UpToAsync(3));
        Assert.Equal(["t1", "t2"], (await _store.UpToAsync(2)).Select(c => c.TicketId));
    }

    [Fact]
    public async Task Importing_the_old_grain_state_numbers_new_ones_after_and_keeps_the_numbers_of_known_ones()
    {
        await Record(Correction("t1", 2));

        var numbers = await _store.ImportAsync([Correction("t0", 1), Correction("t1", 2), Correction("t2", 1)]);
        var again = await _store.ImportAsync([Correction("t0", 1), Correction("t1", 2), Correction("t2", 1)]);

        Assert.Equal([2L, 1L, 3L], numbers);
        Assert.Equal(numbers, again);
        Assert.Equal(3, await _store.LatestAsync());
    }
}

public sealed class SqliteRoutingCorrectionsStoreTests() : RoutingCorrectionsStoreTests(TestStorage.Sqlite);

public sealed class PostgresRoutingCorrectionsStoreTests() : RoutingCorrectionsStoreTests(TestStorage.Postgres);
