#include <curl/curl.h>

/*
 * Non-variadic doors into libcurl's variadic setters and getters.
 *
 * curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt are C variadic functions,
 * which Swift does not import. Each wrapper below fixes the type of the one argument
 * libcurl reads for a family of options (long, pointer/string, curl_off_t, blob,
 * callback…), so Swift calls an ordinary C function and the C compiler does the
 * variadic call with the right argument type. Pick the wrapper that matches the
 * option's CURLOPTTYPE_* in curl.h.
 */

/* CURLOPTTYPE_LONG (also CURLOPTTYPE_VALUES). */
static inline CURLcode rudder_curl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

/* CURLOPTTYPE_OFF_T (the *_LARGE options). */
static inline CURLcode rudder_curl_easy_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/* CURLOPTTYPE_STRINGPOINT; libcurl copies strings (except CURLOPT_POSTFIELDS). */
static inline CURLcode rudder_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

/* CURLOPTTYPE_OBJECTPOINT / CURLOPTTYPE_CBPOINT: callback contexts, buffers, handles. */
static inline CURLcode rudder_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

/* CURLOPTTYPE_SLISTPOINT (CURLOPT_HTTPHEADER, CURLOPT_CONNECT_TO, CURLOPT_RESOLVE…). */
static inline CURLcode rudder_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

/* CURLOPTTYPE_BLOB (CURLOPT_CAINFO_BLOB, CURLOPT_SSLCERT_BLOB, CURLOPT_SSLKEY_BLOB…).
   CURL_BLOB_COPY: libcurl keeps its own copy, so the caller's bytes may go away at once. */
static inline CURLcode rudder_curl_easy_setopt_blob(CURL *handle, CURLoption option, const void *data, size_t length) {
    struct curl_blob blob;
    blob.data = (void *)data;
    blob.len = length;
    blob.flags = CURL_BLOB_COPY;
    return curl_easy_setopt(handle, option, &blob);
}

/* CURLOPT_WRITEFUNCTION / CURLOPT_HEADERFUNCTION (and CURLOPT_READFUNCTION, same shape). */
typedef size_t (*rudder_curl_data_callback)(char *data, size_t size, size_t count, void *context);
static inline CURLcode rudder_curl_easy_setopt_data_callback(CURL *handle, CURLoption option, rudder_curl_data_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

/* CURLOPT_XFERINFOFUNCTION. */
static inline CURLcode rudder_curl_easy_setopt_xferinfo_callback(CURL *handle, curl_xferinfo_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

/* CURLINFO_LONG (CURLINFO_RESPONSE_CODE, CURLINFO_HTTP_VERSION…). */
static inline CURLcode rudder_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

/* CURLINFO_STRING (CURLINFO_EFFECTIVE_URL, CURLINFO_CONTENT_TYPE…); the string belongs to the handle. */
static inline CURLcode rudder_curl_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
    return curl_easy_getinfo(handle, info, value);
}

/* CURLINFO_PRIVATE: the pointer given to CURLOPT_PRIVATE. */
static inline CURLcode rudder_curl_easy_getinfo_private(CURL *handle, void **value) {
    return curl_easy_getinfo(handle, CURLINFO_PRIVATE, value);
}

/* CURLMOPT_* taking a long (CURLMOPT_MAXCONNECTS, CURLMOPT_MAX_HOST_CONNECTIONS, CURLMOPT_PIPELINING…). */
static inline CURLMcode rudder_curl_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}

/* Cast macros Swift does not import. */
static const long rudder_CURLAUTH_BASIC = (long)CURLAUTH_BASIC;
static const int rudder_CURLPAUSE_CONT = CURLPAUSE_CONT;
static const size_t rudder_CURL_WRITEFUNC_PAUSE = CURL_WRITEFUNC_PAUSE;
