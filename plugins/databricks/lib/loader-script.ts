/**
 * The Python script setup uploads to DBFS and the job runs on the cluster with `<dbName> <fileName>`: reads
 * `/dbfs/<fileName>` (`|`-separated) with pandas, maps dtypes to Spark types, and saves it as the table named
 * by the first argument (appending with insertInto when the table exists).
 */
export const LOADER_SCRIPT = `import sys

import pandas as pd
from pyspark.sql import SparkSession
from pyspark.sql.types import DateType, FloatType, IntegerType, LongType, StringType, StructField, StructType

spark = SparkSession.builder.getOrCreate()


def spark_type(dtype):
    if dtype == "datetime64[ns]":
        return DateType()
    if dtype == "int64":
        return LongType()
    if dtype == "int32":
        return IntegerType()
    if dtype == "float64":
        return FloatType()
    return StringType()


def to_spark(frame):
    schema = StructType([StructField(str(column), spark_type(str(dtype))) for column, dtype in zip(frame.columns, frame.dtypes)])
    return spark.createDataFrame(frame.astype({c: str for c, d in zip(frame.columns, frame.dtypes) if isinstance(spark_type(str(d)), StringType)}), schema)


table_name = sys.argv[1]
file_name = sys.argv[2]
frame = pd.read_csv("/dbfs" + file_name, sep="|", dtype=str, keep_default_na=False)
data = to_spark(frame)
try:
    data.write.saveAsTable(table_name)
except Exception:
    data.write.insertInto(table_name, overwrite=False)
`;
