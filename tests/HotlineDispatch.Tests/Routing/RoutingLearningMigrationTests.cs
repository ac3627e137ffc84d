using HotlineDispatch.Routing;
using HotlineDispatch.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace HotlineDispatch.Tests.Routing;

/// <summary>A learning grain state from before the corrections became rows: they move, and the generation keeps naming the same ones.</summary>
public abstract class RoutingLearningMigrationTests(ClusterFixture fixture)
{
    private static RoutingCorrection Correction(string ticket) =>
        new(ticket, 3, "楼上有人往下扔酒瓶", "CGJ", "GAJ", RoutingCorrection.Override, "disp1", ClusterFixture.Start);

    [Fact]
    public async Task The_old_states_corrections_become_rows_and_the_generation_still_includes_the_same_ones()
    {
        var store = fixture.Services.GetRequiredService<IRoutingCorrections>();
        var grain = fixture.Client.GetGrain<IRoutingLearningGrain>(IRoutingLearningGrain.Key);
        await fixture.Cluster.DeactivateAsync(grain);

        // One correction was recorded as a row before the grain woke, so the old ones are numbered after it.
        await store.ImportAsync([Correction("new-1")]);
        var old = new RoutingLearning { Corrections = [Correction("old-1"), Correction("old-2"), Correction("old-3")], Included = 2, Generation = 4 };
        await fixture.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Hotline)
            .WriteStateAsync("routing-learning", grain.GetGrainId(), new GrainState<RoutingLearning>(old));

        var generation = await grain.Current();
        Assert.Equal((4, 3, 1), (generation.Generation, generation.Included, generation.Pending));
        Assert.Equal(["new-1", "old-1", "old-2", "old-3"], (await store.UpToAsync(4)).Select(c => c.TicketId));
        Assert.Equal(["new-1", "old-1", "old-2"], (await store.UpToAsync(generation.Included)).Select(c => c.TicketId));

        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal(generation, await grain.Current());
        Assert.Equal(4, await store.LatestAsync());
    }
}

public sealed class SqliteRoutingLearningMigrationTests(SqliteClusterFixture fixture)
    : RoutingLearningMigrationTests(fixture), IClassFixture<SqliteClusterFixture>;

public sealed class PostgresRoutingLearningMigrationTests(PostgresClusterFixture fixture)
    : RoutingLearningMigrationTests(fixture), IClassFixture<PostgresClusterFixture>;
