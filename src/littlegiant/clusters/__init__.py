"""Distinctive industrial clusters of SMEs (中小企业特色产业集群, criteria.md §8): the registry of clusters, their
outputs, members and county authorities, their yearly development reports, and their self-assessment against
the 2022 standard (pack cn.miit.sme-cluster.2022). Recognition is a programme of the recognition workflow,
which sits above this app and reads it."""
