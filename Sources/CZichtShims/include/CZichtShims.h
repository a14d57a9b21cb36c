#ifndef CZICHTSHIMS_H
#define CZICHTSHIMS_H

/// Exchanges two paths atomically (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (ENOSYS where the call does not exist).
int zicht_exchange_paths(const char *first, const char *second);

#endif
