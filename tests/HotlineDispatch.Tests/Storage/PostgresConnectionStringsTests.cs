using HotlineDispatch.Silo.Storage;
using Npgsql;

namespace HotlineDispatch.Tests.Storage;

public sealed class PostgresConnectionStringsTests
{
    [Fact]
    public void Settings_the_operator_left_out_get_the_tuned_values()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.Tuned("Host=db;Username=hotline;Database=hotline"));

        Assert.Equal((true, 64, 2), (tuned.NoResetOnClose, tuned.MaxAutoPrepare, tuned.AutoPrepareMinUsages));
        Assert.Equal(("db", "hotline", "hotline"), (tuned.Host, tuned.Username, tuned.Database));
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0;Auto Prepare Min Usages=5")]
    [InlineData("Host=db;noresetonclose=false;MaxAutoPrepare=0;AUTO PREPARE MIN USAGES=5")]
    public void Settings_the_operator_chose_are_kept_in_any_spelling(string given)
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.Tuned(given));

        Assert.Equal((false, 0, 5), (tuned.NoResetOnClose, tuned.MaxAutoPrepare, tuned.AutoPrepareMinUsages));
    }
}
