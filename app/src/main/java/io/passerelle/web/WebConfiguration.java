package io.passerelle.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.data.web.config.EnableSpringDataWebSupport;

/** Pages of results serialised as {@code {content, page: {size, number, totalElements, …}}}. */
@Configuration(proxyBeanMethods = false)
@EnableSpringDataWebSupport(
    pageSerializationMode = EnableSpringDataWebSupport.PageSerializationMode.VIA_DTO)
class WebConfiguration {}
