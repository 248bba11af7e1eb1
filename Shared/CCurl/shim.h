#ifndef KL_CCURL_SHIM_H
#define KL_CCURL_SHIM_H

#include <curl/curl.h>

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: fixed-arity
// wrappers, one per argument type the Mail module uses.
static inline CURLcode kl_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode kl_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode kl_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode kl_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

typedef size_t (*kl_curl_read_callback)(char *buffer, size_t size, size_t count, void *user);

static inline CURLcode kl_curl_setopt_read_function(CURL *handle, kl_curl_read_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, callback);
}

static inline CURLcode kl_curl_response_code(CURL *handle, long *code) {
    return curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, code);
}

// The options are enum constants computed from macros; typed constants Swift imports plainly.
static const CURLoption KL_CURLOPT_URL = CURLOPT_URL;
static const CURLoption KL_CURLOPT_MAIL_FROM = CURLOPT_MAIL_FROM;
static const CURLoption KL_CURLOPT_MAIL_RCPT = CURLOPT_MAIL_RCPT;
static const CURLoption KL_CURLOPT_UPLOAD = CURLOPT_UPLOAD;
static const CURLoption KL_CURLOPT_READDATA = CURLOPT_READDATA;
static const CURLoption KL_CURLOPT_USE_SSL = CURLOPT_USE_SSL;
static const CURLoption KL_CURLOPT_USERNAME = CURLOPT_USERNAME;
static const CURLoption KL_CURLOPT_PASSWORD = CURLOPT_PASSWORD;
static const CURLoption KL_CURLOPT_CONNECTTIMEOUT_MS = CURLOPT_CONNECTTIMEOUT_MS;
static const CURLoption KL_CURLOPT_TIMEOUT_MS = CURLOPT_TIMEOUT_MS;
static const CURLoption KL_CURLOPT_NOSIGNAL = CURLOPT_NOSIGNAL;
static const CURLoption KL_CURLOPT_CAINFO = CURLOPT_CAINFO;
static const CURLoption KL_CURLOPT_ERRORBUFFER = CURLOPT_ERRORBUFFER;
static const CURLoption KL_CURLOPT_INFILESIZE = CURLOPT_INFILESIZE;
static const long KL_CURLUSESSL_NONE = CURLUSESSL_NONE;
static const long KL_CURLUSESSL_ALL = CURLUSESSL_ALL;
static const int KL_CURL_ERROR_SIZE = CURL_ERROR_SIZE;

#endif
