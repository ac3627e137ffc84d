using System.Data.Common;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.ReadModel;

/// <summary>
/// A feature's own tables in the read model, written from a ticket's new events inside the
/// projection's transaction: called only for events not projected before, so it counts each once.
/// </summary>
public interface IProjectionPart
{
    Task ApplyAsync(DbConnection connection, DbTransaction transaction, TicketSummary summary, IReadOnlyList<TicketEvent> events);
}
