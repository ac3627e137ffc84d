using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Tests.Infrastructure;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Tests.Deadlines;

/// <summary>
/// The card sweep reads the tickets with a card due batch after batch from where the last batch ended, so after an
/// outage one pass reaches every one of them, also where several cards fell due in the same millisecond.
/// </summary>
public abstract class CardsDueTests(string storageKind)
{
    [Fact]
    public async Task Batches_read_on_from_the_last_one_reach_every_due_ticket_once_and_no_other()
    {
        var database = (await TestStorage.CreateAsync(storageKind)).ReadModel();
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        await using (var command = connection.Command("""
            INSERT INTO hotline_ticket (id, seq, state, co, accepted_at, next_card_at, with_department, summary) VALUES
                ('t-late', 1, 'Dispatched', '', 0, 5000, 1, '{}'), ('t-b', 1, 'Dispatched', '', 0, 2000, 1, '{}'),
                ('t-a', 1, 'Dispatched', '', 0, 2000, 1, '{}'), ('t-c', 1, 'Dispatched', '', 0, 2000, 1, '{}'),
                ('t-first', 1, 'Dispatched', '', 0, 1000, 1, '{}'), ('t-none', 1, 'Closed', '', 0, NULL, 0, '{}'),
                ('t-future', 1, 'Dispatched', '', 0, 9000, 1, '{}');
            """))
        {
            await command.ExecuteNonQueryAsync();
        }

        var index = new SqlTicketIndex(database);
        var now = DateTimeOffset.FromUnixTimeMilliseconds(5000);
        var read = new List<string>();
        DueTicket? after = null;
        IReadOnlyList<DueTicket> batch;
        do
        {
            batch = await index.CardsDueAsync(now, after, 2);
            read.AddRange(batch.Select(ticket => ticket.Id));
            after = batch.Count > 0 ? batch[^1] : after;
        }
        while (batch.Count == 2);

        Assert.Equal(["t-first", "t-a", "t-b", "t-c", "t-late"], read);
    }
}

public sealed class SqliteCardsDueTests() : CardsDueTests(TestStorage.Sqlite);

public sealed class PostgresCardsDueTests() : CardsDueTests(TestStorage.Postgres);
